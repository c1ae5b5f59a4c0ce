package io.ddbsync.sync.transfer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadPoolTest {

    @Test
    void waitsForTheOtherUploadsButNotForItself() throws Exception {
        UploadPool pool = new UploadPool();
        pool.setThreads(2);
        CountDownLatch straggler = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                straggler.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));

        // the failing upload's thread asks while another upload still runs
        Future<Boolean> whileRunning = pool.submit(() -> pool.awaitQuiet(50));
        assertFalse(whileRunning.get(10, TimeUnit.SECONDS), "an upload still runs");

        straggler.countDown();
        Future<Boolean> afterwards = pool.submit(() -> pool.awaitQuiet(10_000));
        assertTrue(afterwards.get(15, TimeUnit.SECONDS), "only the asking thread is left");
        pool.shutdown();
    }
}
