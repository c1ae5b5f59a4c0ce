package io.ddbsync.sync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A job's lock, from outside: a second run in the same JVM and one in another process are refused
 * naming the holder; the lock of a process killed with -9 is free for the next run.
 */
class JobLockTest {

    @Test
    void aSecondRunInTheSameJvmIsRefusedUntilTheFirstLetsGo(@TempDir Path dir) {
        JobLock first = JobLock.acquire(dir, "db1-online");
        JobLockedException e = assertThrows(JobLockedException.class, () -> JobLock.acquire(dir, "db1-online"));
        assertTrue(e.getMessage().startsWith("job db1-online is running on host "), e.getMessage());
        assertTrue(e.getMessage().contains(" pid " + ProcessHandle.current().pid() + " since "), e.getMessage());
        // another job is not held up
        JobLock.acquire(dir, "db1-offline").close();
        first.close();
        JobLock.acquire(dir, "db1-online").close();
    }

    @Test
    void anotherProcessIsRefusedNamingItAndItsLockIsTakenOverOnceItIsKilled(@TempDir Path dir) throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JobLockHolder.class.getName(), dir.toString(), "db1-online")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the other process took the lock");

            JobLockedException e = assertThrows(JobLockedException.class, () -> JobLock.acquire(dir, "db1-online"));
            assertTrue(e.getMessage().contains(" pid " + holder.pid() + " since "), e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve("db1-online.lock").toString()), e.getMessage());

            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder outlived kill -9");
            // left behind: the file still names the dead holder, but the kernel dropped its lock
            assertTrue(Files.readString(dir.resolve("db1-online.lock")).contains("pid=" + holder.pid()));
            try (JobLock taken = JobLock.acquire(dir, "db1-online")) {
                assertEquals(ProcessHandle.current().pid(), taken.holder().pid());
                assertEquals(List.of("pid=" + ProcessHandle.current().pid()),
                        Files.readAllLines(dir.resolve("db1-online.lock")).stream().filter(l -> l.startsWith("pid=")).toList());
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aLockDirectoryThatCannotBeMadeIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("state"), "a file, not a directory");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobLock.acquire(file.resolve("locks"), "db1-online"));
        assertTrue(e.getMessage().contains("lock of job db1-online"), e.getMessage());
        assertTrue(e.getMessage().contains("ddbsync.stateDir"), e.getMessage());
    }

    /** Holds a job's lock in a process of its own until killed. */
    public static final class JobLockHolder {
        public static void main(String[] args) throws Exception {
            JobLock.acquire(Path.of(args[0]), args[1]);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
