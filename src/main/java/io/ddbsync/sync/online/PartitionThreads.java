package io.ddbsync.sync.online;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.spi.ThreadPoolProfile;

import java.util.concurrent.ExecutorService;

/**
 * The thread pool a job's partitions are copied on, made by Camel's ExecutorServiceManager from a
 * thread pool profile of exactly {@code parallel} threads: named after the job, visible in JMX and
 * shut down with the CamelContext; an Error that kills a partition is logged ({@link ErrorReportingPool}).
 * The route template binds it as a local bean (one per job):
 * {@code scriptLanguage: bean, script: io.ddbsync.sync.online.PartitionThreads?method=create}.
 */
public final class PartitionThreads {
    private PartitionThreads() {
    }

    public static ExecutorService create(RouteTemplateContext rtc) {
        String jobId = parameter(rtc, "jobId");
        String value = parameter(rtc, "parallel");
        int parallel;
        try {
            parallel = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parallel = 0;
        }
        if (parallel < 1) throw new IllegalArgumentException("Job " + jobId + ": parallel must be a number of at least 1, not '" + value + "'");
        ThreadPoolProfile profile = new ThreadPoolProfile("online-sync-" + jobId);
        profile.setPoolSize(parallel);
        profile.setMaxPoolSize(parallel);
        // The queue holds partitions waiting for a thread (a path and a filter each, never rows), so it need not be bounded.
        // It must be a queue: Camel makes a pool with maxQueueSize <= 0 hand tasks over directly (SynchronousQueue) and run
        // a task the pool cannot take at once on the submitting thread (CallerRuns). The split's own iteration runs on these
        // threads, so a partition run that way blocks the iteration and leaves only parallel - 1 partitions running at a time.
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        return new ErrorReportingPool(jobId,
                rtc.getCamelContext().getExecutorServiceManager().newThreadPool(PartitionThreads.class, "online-sync-" + jobId, profile));
    }

    /** A template parameter as the job wrote it, with its placeholders ({{jobs.x.parallel}}) resolved. */
    private static String parameter(RouteTemplateContext rtc, String name) {
        Object raw = rtc.getProperty(name);
        return raw == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(raw.toString());
    }
}
