package io.ddbsync.sync.state;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The right to run one job: an exclusive lock on the job's lock file, so that two runs of a job
 * (two --once, or two runners sharing the directory) never write the same target at once.
 * <p>
 * The lock is the operating system's ({@link FileChannel#tryLock()}): the kernel releases it when
 * the holding process ends, however it ends (kill -9 included), so a lock left by a dead runner is
 * simply free for the next run; on NFSv4 it is a lease the server drops when the holder stops
 * renewing it. Such a lock belongs to the whole JVM, so runs inside one JVM are kept apart by an
 * in-process map first. The holder writes its host, process id and start time into the file, for
 * the message of a run it refuses.
 * <p>
 * The file is never deleted (a process could lock the old file while another makes a new one), and
 * a JVM holding the lock never opens the file a second time: closing any descriptor of a file
 * drops the process's POSIX locks on it.
 */
public final class JobLock implements AutoCloseable {
    /** Lock files held by this JVM, with their holder, so a second run here is refused before the OS is asked. */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final Holder holder;
    private final FileChannel channel;

    private JobLock(Path file, Holder holder, FileChannel channel) {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
    }

    /** Who holds a job's lock: shown to a run that finds the job running. */
    public record Holder(String host, long pid, Instant since) {
        static Holder thisProcess() {
            return new Holder(hostName(), ProcessHandle.current().pid(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        /** The holder written in a lock file ("host=", "pid=", "since=" lines); null when it is not (yet) there. */
        static Holder parse(List<String> lines) {
            String host = null;
            String pid = null;
            String since = null;
            for (String line : lines) {
                if (line.startsWith("host=")) host = line.substring(5);
                else if (line.startsWith("pid=")) pid = line.substring(4);
                else if (line.startsWith("since=")) since = line.substring(6);
            }
            if (host == null || pid == null || since == null) return null;
            try {
                return new Holder(host, Long.parseLong(pid), Instant.parse(since));
            } catch (RuntimeException e) {
                return null;
            }
        }

        String fileContent() {
            return "host=" + host + "\npid=" + pid + "\nsince=" + since + "\n";
        }

        @Override
        public String toString() {
            return "host " + host + " pid " + pid + " since " + since;
        }
    }

    /**
     * Takes the job's lock in {@code dir} (made when missing), or refuses.
     *
     * @throws JobLockedException when another run of the job holds it, in this JVM or another
     * @throws IllegalStateException when the file cannot be made or the filesystem cannot lock it
     */
    public static JobLock acquire(Path dir, String job) {
        Path file = StateFiles.prepared(dir.resolve(fileName(job)).toString(), "lock of job " + job).toPath();
        Holder me = Holder.thisProcess();
        Holder other = HELD_HERE.putIfAbsent(file, me);
        if (other != null) throw new JobLockedException(job, other, file);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, file, job);
            if (lock == null) {
                channel.close();
                throw new JobLockedException(job, holderIn(file), file);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.fileContent().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new JobLock(file, me, channel);
        } catch (IOException | RuntimeException e) {
            forget(file, me);
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("Cannot lock job " + job + " in " + file + ": " + e.getMessage()
                    + "; set ddbsync.stateDir to a writable local directory or one on a filesystem with working locks (NFSv4)", e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file, String job) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM through a path the map did not know (another spelling of the same file)
            throw new JobLockedException(job, null, file);
        }
    }

    /**
     * The holder another process wrote: it writes right after locking, so a file still empty is
     * read again for a moment before the holder is called unknown.
     */
    private static Holder holderIn(Path file) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Holder holder = Holder.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                if (holder != null) return holder;
                Thread.sleep(50);
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** A job's lock file name: its id, with characters a file name cannot safely hold replaced. */
    static String fileName(String job) {
        return job.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock";
    }

    /**
     * This host's name as the kernel knows it, read without a name lookup (InetAddress.getLocalHost
     * resolves the name, which can wait on a DNS server at the start of every run).
     */
    static String hostName() {
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                String name = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) return name;
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: try the next way
            }
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.strip();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    public Path file() {
        return file;
    }

    public Holder holder() {
        return holder;
    }

    /** Lets the next run of the job have it: the file is emptied (its holder is gone) and unlocked. */
    @Override
    public void close() {
        try (FileChannel c = channel) {
            c.truncate(0);
        } catch (IOException ignored) {
            // closing the channel released the lock; a stale holder line is only read while someone holds it
        } finally {
            forget(file, holder);
        }
    }

    /**
     * Forgets this run's entry only: by identity, since two runs in this process within one second
     * have equal holders, and a late close must not drop the next run's entry.
     */
    private static void forget(Path file, Holder holder) {
        HELD_HERE.computeIfPresent(file, (f, held) -> held == holder ? null : held);
    }
}
