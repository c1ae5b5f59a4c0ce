package io.ddbsync.sync.run;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run's lock in a route, as the sync templates take it: a second run while the first is under way
 * is refused and stops before its next step; the lock is let go when the run's exchange completes,
 * whether it ended well or failed.
 */
class SyncRunsLockTest {

    @Test
    void aSecondRunIsRefusedWhileTheFirstRunsAndTheLockIsLetGoHoweverARunEnds(@TempDir Path state) throws Exception {
        SyncRuns runs = new SyncRuns();
        runs.setStateDir(state.toString());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch letFirstEnd = new CountDownLatch(1);
        AtomicInteger stepsAfterStart = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Registry registry = context.getRegistry();
            registry.bind("syncRuns", runs);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:job-run")
                            .to("bean:syncRuns?method=start(*, 'job', 'online', 'all')")
                            .process(e -> stepsAfterStart.incrementAndGet())
                            .process(e -> {
                                if (e.getIn().getHeader("wait") != null) {
                                    firstStarted.countDown();
                                    assertTrue(letFirstEnd.await(60, TimeUnit.SECONDS));
                                }
                                if (e.getIn().getHeader("fail") != null) throw new IllegalStateException("the run failed");
                            });
                }
            });
            context.start();

            CompletableFuture<Exchange> first = CompletableFuture.supplyAsync(
                    () -> context.createProducerTemplate().request("direct:job-run", e -> e.getIn().setHeader("wait", true)));
            assertTrue(firstStarted.await(60, TimeUnit.SECONDS), "the first run started");

            Exchange second = context.createProducerTemplate().request("direct:job-run", e -> { });
            assertNull(second.getException());
            String refused = second.getProperty(SyncProperties.REFUSED, String.class);
            assertNotNull(refused, "the second run was refused");
            assertTrue(refused.contains("job job is running on host ") && refused.contains(" pid " + ProcessHandle.current().pid()), refused);
            assertEquals(1, stepsAfterStart.get(), "the refused run stopped before its next step");

            letFirstEnd.countDown();
            assertNull(first.get(60, TimeUnit.SECONDS).getException());

            // a failed run lets the lock go too
            Exchange failed = context.createProducerTemplate().request("direct:job-run", e -> e.getIn().setHeader("fail", true));
            assertNotNull(failed.getException());
            Exchange next = context.createProducerTemplate().request("direct:job-run", e -> { });
            assertNull(next.getProperty(SyncProperties.REFUSED), "the lock was let go after the failed run");
            assertEquals(3, stepsAfterStart.get());
        }
    }
}
