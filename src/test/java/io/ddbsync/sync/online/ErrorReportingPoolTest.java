package io.ddbsync.sync.online;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A partition thread that dies of an Error is reported on the progress log; the task ends as it would have. */
class ErrorReportingPoolTest {
    private final Logger progress = (Logger) LoggerFactory.getLogger("io.ddbsync.progress");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final ErrorReportingPool pool = new ErrorReportingPool("job9", threads);

    @BeforeEach
    void captureLogs() {
        logs.start();
        progress.addAppender(logs);
    }

    @AfterEach
    void release() {
        progress.detachAppender(logs);
        pool.shutdownNow();
    }

    private String reported() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void anErrorInASubmittedTaskIsLoggedAndStillEndsTheTask() throws Exception {
        // a Runnable, as Camel's split submits a partition's work, and a Callable
        Future<?> runnable = pool.submit((Runnable) () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        Future<?> callable = pool.submit(() -> {
            throw new StackOverflowError();
        });
        assertInstanceOf(OutOfMemoryError.class, assertThrows(ExecutionException.class, () -> runnable.get(10, TimeUnit.SECONDS)).getCause());
        assertInstanceOf(StackOverflowError.class, assertThrows(ExecutionException.class, () -> callable.get(10, TimeUnit.SECONDS)).getCause());
        String log = reported();
        assertTrue(log.contains("[job9] a partition thread died of java.lang.OutOfMemoryError: Java heap space: this run cannot end"), log);
        assertTrue(log.contains("[job9] a partition thread died of java.lang.StackOverflowError: this run cannot end"), log);
        assertTrue(log.contains("Restart the runner") && log.contains("lower parallel or fetchSize"), log);
    }

    @Test
    void tasksThatEndNormallyLogNothing() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        pool.submit(ran::countDown).get(10, TimeUnit.SECONDS);
        pool.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals("", reported());
    }

    @Test
    void shuttingItDownShutsDownThePool() throws Exception {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(threads.isShutdown() && threads.isTerminated());
    }
}
