package io.ddbsync.sync.online;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.spi.ThreadPoolProfile;

import java.util.concurrent.ExecutorService;

/**
 * The thread pool a job's partitions run on, made by Camel's ExecutorServiceManager from a thread
 * pool profile of {@code 2 x parallel} threads: {@code parallel} partitions copying and
 * {@code parallel} being verified ({@link PartitionSlots} keeps each kind to that), so a partition's
 * read-back never keeps the next one from copying. Named after the job, visible in JMX and shut down
 * with the CamelContext; an Error that kills a partition is logged ({@link ErrorReportingPool}).
 * The route template binds it as a local bean (one per job):
 * {@code scriptLanguage: bean, script: io.ddbsync.sync.online.PartitionThreads?method=create}.
 */
public final class PartitionThreads {
    private PartitionThreads() {
    }

    public static ExecutorService create(RouteTemplateContext rtc) {
        String jobId = parameter(rtc, "jobId");
        int threads = 2 * parallel(rtc);
        ThreadPoolProfile profile = new ThreadPoolProfile("online-sync-" + jobId);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        // The queue holds partitions waiting for a thread (a path and a filter each, never rows), so it need not be bounded.
        // It must be a queue: Camel makes a pool with maxQueueSize <= 0 hand tasks over directly (SynchronousQueue) and run
        // a task the pool cannot take at once on the submitting thread (CallerRuns). The split's own iteration runs on these
        // threads, so a partition run that way blocks the iteration and leaves one thread fewer for partitions.
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        return new ErrorReportingPool(jobId,
                rtc.getCamelContext().getExecutorServiceManager().newThreadPool(PartitionThreads.class, "online-sync-" + jobId, profile));
    }

    /** The job's parallel parameter: partitions copied at a time (and verified at a time). */
    static int parallel(RouteTemplateContext rtc) {
        String value = parameter(rtc, "parallel");
        int parallel;
        try {
            parallel = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parallel = 0;
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("Job " + parameter(rtc, "jobId") + ": parallel must be a number of at least 1, not '" + value + "'");
        }
        return parallel;
    }

    /** A template parameter as the job wrote it, with its placeholders ({{jobs.x.parallel}}) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        Object raw = rtc.getProperty(name);
        return raw == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(raw.toString());
    }
}
