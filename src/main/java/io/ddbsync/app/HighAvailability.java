package io.ddbsync.app;

import io.ddbsync.sync.run.RunMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One active runner among several. With {@code ddbsync.ha.lockDir} set, the runners that share that
 * directory elect a leader through a lock file (Camel's {@link FileLockClusterService}), and only the
 * leader's schedules fire: the job-schedule template consumes its Quartz trigger through
 * {@code master:ddbsync:} ({@code ddbsync.ha.schedulePrefix}). The others stand by; when the leader
 * stops or dies, one of them takes the lock and its schedules start firing. A run the leader had
 * under way when it died resumes from the ledger on the next run, wherever that runs, if the
 * runners share the ledger (README, "Resume: the run ledger").
 * <p>
 * A cluster service has to exist before the routes are built, so it is registered as the context
 * initializes, by {@link SyncPlugin}, which Camel loads in every runtime; not as a bean in YAML. Another cluster
 * service (Kubernetes, ZooKeeper, Consul: camel-kubernetes and the like) works the same way: register
 * it in the runtime, leave ddbsync.ha.lockDir empty and set {@code ddbsync.ha.schedulePrefix=master:ddbsync:}.
 */
public final class HighAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(HighAvailability.class);
    /** The leadership every job's schedule follows: one leader runs all the schedules. */
    public static final String NAMESPACE = "ddbsync";

    private HighAvailability() {
    }

    /** With ddbsync.ha.lockDir set, registers the file-lock cluster service and puts the schedules behind it; else nothing. */
    static void configure(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Optional<String> lockDir = pc.resolveProperty("ddbsync.ha.lockDir").map(String::trim).filter(s -> !s.isEmpty());
        if (lockDir.isEmpty()) return;
        // already registered on this context (a context initialized twice, a test that called this itself)
        if (context.hasService(FileLockClusterService.class) != null) return;
        String nodeId = pc.resolveProperty("ddbsync.ha.nodeId").map(String::trim).filter(s -> !s.isEmpty()).orElseGet(HighAvailability::hostAndPid);
        long interval = seconds(pc, "ddbsync.ha.acquireLockInterval", 10);
        requireWritable(lockDir.get());
        FileLockClusterService service = new FileLockClusterService();
        service.setId(nodeId);
        service.setRoot(lockDir.get());
        service.setAcquireLockDelay(1);
        service.setAcquireLockInterval(interval);
        try {
            context.addService(service);
            // once started, the metrics registry exists: publish whether this runner leads
            context.addStartupListener((started, alreadyStarted) -> publishLeadership(started, service, nodeId));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the leadership service on lock directory " + lockDir.get() + ": " + e.getMessage(), e);
        }
        if (pc.resolveProperty("ddbsync.ha.schedulePrefix").isEmpty()) {
            pc.addOverrideProperty("ddbsync.ha.schedulePrefix", "master:" + NAMESPACE + ":");
        }
        LOG.info("Runner {} runs the schedules only while it leads '{}' (lock directory {}, checked every {} s)",
                nodeId, NAMESPACE, lockDir.get(), interval);
    }

    /**
     * Gauge ddbsync_leader{node}: 1 on the runner that leads, 0 on a standby; alert when the sum over
     * the runners is not 1. Without a metrics registry (metrics off) nothing is published.
     */
    private static void publishLeadership(CamelContext context, FileLockClusterService service, String nodeId) {
        MeterRegistry registry = RunMetrics.registry(context);
        if (registry == null) return;
        Gauge.builder("ddbsync.leader", service, s -> "leader".equals(leadership(s)) ? 1 : 0).tag("node", nodeId)
                .description("1 while this runner holds the leadership and fires the schedules").register(registry);
    }

    /**
     * This runner's part in the leadership: "leader" or "standby" ("unknown: …" when the service
     * cannot say); the health check and the gauge both read it here.
     */
    static String leadership(CamelClusterService service) {
        try {
            return service.getView(NAMESPACE).getLocalMember().isLeader() ? "leader" : "standby";
        } catch (Exception e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** Camel's service only logs a directory it cannot use, and then no runner ever leads: say so at start. */
    private static void requireWritable(String dir) {
        Path path = Path.of(dir).toAbsolutePath();
        try {
            Files.createDirectories(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("ddbsync.ha.lockDir " + path + " cannot be made: " + e, e);
        }
        if (!Files.isWritable(path)) throw new IllegalArgumentException("ddbsync.ha.lockDir " + path + " is not writable");
    }

    private static long seconds(PropertiesComponent pc, String key, long fallback) {
        String v = pc.resolveProperty(key).map(String::trim).orElse("");
        if (v.isEmpty()) return fallback;
        try {
            long s = Long.parseLong(v);
            if (s > 0) return s;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("Property " + key + " must be a number of seconds above 0, not '" + v + "'");
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "runner";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
