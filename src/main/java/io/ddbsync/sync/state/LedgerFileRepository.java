package io.ddbsync.sync.state;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The online sync's run ledger: an {@link IdempotentRepository} in a text file that several
 * runners (processes, or repositories in one JVM) may share without losing each other's keys, and
 * that a runner killed while it writes never leaves wrong.
 * <p>
 * Camel's FileIdempotentRepository (4.17) is made for one process: its remove reads the file and
 * writes it back without the key, with no lock between processes, so a key another runner appends
 * in between is lost; clear, and the trimming of a file grown past its maximum, rewrite the file
 * from its own memory; and a key it has in memory stays there after another runner removed it.
 * Here the file is an append-only log instead:
 * <ul>
 * <li>a line {@code key} records the key, a line {@code -key} removes it (keys must not start with
 *     {@code -} nor hold line breaks);</li>
 * <li>every operation runs under an OS lock on {@code <file>.lock} (and a lock per file in this
 *     JVM), first reading what other writers appended since this repository last looked, so
 *     contains answers for the file, not for this process's memory;</li>
 * <li>each line goes in with its line break in one write, and a last line without its line break
 *     (a writer killed mid-write: under the lock, nobody else is writing) is cut off: it may be a
 *     key cut short, and a key cut short can be another partition's ({@code …/12} cut to
 *     {@code …/1});</li>
 * <li>when no key is left, or removal lines outnumber the keys, the file is rewritten from the
 *     keys (to a new file moved over the old one) and the generation number in the lock file goes
 *     up, which tells every other repository to read the file again from its start.</li>
 * </ul>
 * Each operation reads only what was appended since the last one, so thousands of partitions cost
 * thousands of short appends, not thousands of file reads. Nor thousands of file opens: the lock
 * file stays open in the JVM (one channel a file, {@link FileLocking}) and the ledger in this
 * repository, opened again when its generation changes (it was replaced) or it is gone.
 * <p>
 * Two operations write a file of their own first, under a fixed name beside the ledger (only the
 * holder of the lock writes, so one name each is enough): {@code <file>.removed}, the removal lines
 * of {@link #removeStartingWith}, and {@code <file>.tmp}, the ledger rewritten. A runner killed while
 * it held the lock may leave either; the first operation of every repository deletes them, under
 * the lock, so they are never a writer's own (and the next write of that kind replaces them). Deleted, not applied: a leftover may be cut short
 * anywhere, and the ledger without it is right as it stands (its last line cut off if the kill came
 * mid-append): a removal that did not happen leaves keys of partitions that did verify at the
 * versions each key names, which a run stopped before its end resumes by, as it would have anyway.
 */
public class LedgerFileRepository extends ServiceSupport implements IdempotentRepository {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerFileRepository.class);
    private static final byte NEWLINE = '\n';
    private static final String REMOVED = "-";
    /** Below this many lines the file is not rewritten just to drop removal lines. */
    private static final int COMPACT_AFTER_LINES = 4096;
    /** File locks belong to the process: repositories of one JVM on the same file take turns through this first. */
    private static final Map<Path, FileLocking> JVM_LOCKS = new ConcurrentHashMap<>();

    /**
     * A ledger's lock in this JVM: the lock the repositories of the JVM take turns through, and the
     * one channel of its lock file they all take the OS lock on. One channel, never closed while
     * it works: closing any channel of a file gives up every OS lock the process holds on it
     * (POSIX record locks), so a repository closing its own would free the lock another one holds.
     */
    private static final class FileLocking {
        final ReentrantLock turns = new ReentrantLock();
        private final Path lockFile;
        private FileChannel channel;

        FileLocking(Path lockFile) {
            this.lockFile = lockFile;
        }

        /** The lock file's channel, opened on first use or after one that failed; only while holding {@link #turns}. */
        FileChannel channel() throws IOException {
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return channel;
        }

        /** After a failure: the next operation opens the lock file again. Only while holding {@link #turns}, with no OS lock held. */
        void reset() {
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Cannot close {}: {}", lockFile, e.getMessage());
            }
            channel = null;
        }
    }

    private final Path file;
    private final Path lockFile;
    /** The removal lines of {@link #removeStartingWith} before they go into the ledger in one write. */
    private final Path removalsFile;
    /** The ledger rewritten, before it is moved over the ledger. */
    private final Path rewriteFile;
    /** Whether this repository deleted what a killed writer may have left (its first operation does). */
    private boolean leftoversDeleted;
    private final FileLocking jvmLock;
    /** The ledger as of this repository's generation, kept open between operations (null: not open). */
    private FileChannel ledger;
    /**
     * The keys as of the last read (16 bytes of hash each, {@link KeyHashSet}: a run of 20,000 partitions
     * holds 20,000 keys of ~150 characters until it ends), the bytes of the file read so far, and the
     * file's generation then. The keys' text is in the file: what needs it (removeStartingWith, rewrite) reads it there.
     */
    private final KeyHashSet keys = new KeyHashSet();
    private long readUpTo;
    private long generation = -1;
    /** Lines in the file (keys and removals): when they outnumber the keys, the file is rewritten. */
    private int lines;
    /** The lock file's channel while an operation holds it (rewrite raises the generation in it). */
    private FileChannel heldLock;

    public LedgerFileRepository(Path file) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.removalsFile = this.file.resolveSibling(this.file.getFileName() + ".removed");
        this.rewriteFile = this.file.resolveSibling(this.file.getFileName() + ".tmp");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, f -> new FileLocking(lockFile));
    }

    public Path getFile() {
        return file;
    }

    @Override
    public boolean contains(String key) {
        // hashed before the lock is taken: the partitions' threads wait for each other only for the file and the set
        long[] hash = Hash128.of(key);
        return locked(() -> keys.contains(hash[0], hash[1]));
    }

    @Override
    public boolean add(String key) {
        requireWritable(key);
        // hashed once for both the look-up and the insert, before the lock is taken
        long[] hash = Hash128.of(key);
        return locked(() -> {
            if (keys.contains(hash[0], hash[1])) return false;
            append(key);
            keys.add(hash[0], hash[1]);
            return true;
        });
    }

    @Override
    public boolean remove(String key) {
        return locked(() -> {
            if (!keys.contains(key)) return false;
            append(REMOVED + key);
            keys.remove(key);
            compactIfWorthIt();
            return true;
        });
    }

    /**
     * Removes every key that starts with the prefix (those of one job: a partition written since
     * an interrupted run verified it is copied again and its old key never matches again, so
     * nothing else would remove it). Returns how many.
     */
    public int removeStartingWith(String prefix) {
        return locked(() -> {
            try {
                // the removal lines go to a file of their own as the keys are found, then into the ledger in one write: a run of 20,000
                // partitions ends with one append, not 20,000, and without its keys' text in memory (issue 18: 20,000 lines of ~150
                // characters, held twice over, were the run's largest object at its end)
                int gone = 0;
                try (BufferedWriter out = Files.newBufferedWriter(removalsFile, StandardCharsets.UTF_8)) {
                    int[] n = {0};
                    // a key leaves the set as it is found, so a line repeated later is no longer held and is written once
                    forEachLine(line -> {
                        if (line.startsWith(REMOVED) || !line.startsWith(prefix) || !keys.remove(line)) return;
                        out.write(REMOVED);
                        out.write(line);
                        out.write('\n');
                        n[0]++;
                    });
                    gone = n[0];
                }
                if (gone == 0) return 0;
                // nothing left: the file is rewritten empty, which says the same without the removal lines
                if (keys.isEmpty()) {
                    rewrite();
                } else {
                    append(removalsFile, gone);
                    compactIfWorthIt();
                }
                return gone;
            } catch (IOException | RuntimeException e) {
                // what left the set may not have left the file: read it again from its start
                forget(generation);
                throw e instanceof RuntimeException r ? r : new RuntimeCamelException("Cannot remove the keys starting with '" + prefix
                        + "' from the ledger " + file + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(removalsFile);
            }
        });
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    /** The key was recorded by add already. */
    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        locked(() -> {
            keys.clear();
            rewrite();
            return null;
        });
    }

    /** No key left, or removal lines outnumber the keys: the file is rewritten from the keys. */
    private void compactIfWorthIt() {
        if (keys.isEmpty() || lines > COMPACT_AFTER_LINES && lines > 2 * keys.size()) rewrite();
    }

    @Override
    protected void doStart() {
        // reads the file once, so a ledger that cannot be read says so when the job starts
        locked(() -> null);
    }

    @Override
    protected void doStop() {
        jvmLock.turns.lock();
        try {
            closeLedger();
        } finally {
            jvmLock.turns.unlock();
        }
    }

    private static void requireWritable(String key) {
        if (key == null || key.isEmpty() || key.startsWith(REMOVED) || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A ledger key must be one line that does not start with '" + REMOVED + "': '" + key + "'");
        }
    }

    /** Runs the operation holding both locks, on the keys brought up to date with the file. */
    private <T> T locked(Supplier<T> operation) {
        jvmLock.turns.lock();
        try {
            return lockedInJvm(operation);
        } catch (IOException e) {
            // a channel that failed is not used again: both are opened anew by the next operation
            closeLedger();
            jvmLock.reset();
            throw new RuntimeCamelException("Cannot use the ledger " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.turns.unlock();
        }
    }

    private <T> T lockedInJvm(Supplier<T> operation) throws IOException {
        FileChannel lock = jvmLock.channel();
        try (FileLock ignored = lock.lock()) {
            heldLock = lock;
            if (!leftoversDeleted) {
                Files.deleteIfExists(removalsFile);
                Files.deleteIfExists(rewriteFile);
                leftoversDeleted = true;
            }
            long now = readGeneration(lock);
            if (now != generation) forget(now);
            readNewLines();
            return operation.get();
        } finally {
            heldLock = null;
        }
    }

    /** The ledger's channel, opened (and the file created) when not open. */
    private FileChannel ledger() throws IOException {
        if (ledger == null || !ledger.isOpen()) ledger = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return ledger;
    }

    private void closeLedger() {
        if (ledger == null) return;
        try {
            ledger.close();
        } catch (IOException e) {
            LOG.warn("Cannot close the ledger {}: {}", file, e.getMessage());
        }
        ledger = null;
    }

    /** What this repository read is no longer the file: read it again from its start. */
    private void forget(long newGeneration) {
        // the file may have been replaced: opened again by its name
        closeLedger();
        keys.clear();
        readUpTo = 0;
        lines = 0;
        generation = newGeneration;
    }

    private static long readGeneration(FileChannel lock) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
        while (b.hasRemaining() && lock.read(b, b.position()) > 0) {
            // read on until 8 bytes or the end
        }
        return b.position() == Long.BYTES ? b.flip().getLong() : 0;
    }

    private static void writeGeneration(FileChannel lock, long generation) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES).putLong(generation).flip();
        while (b.hasRemaining()) lock.write(b, b.position());
    }

    /** Reads the complete lines appended since the last read; a last line without its line break is cut off. */
    private void readNewLines() throws IOException {
        if (!Files.exists(file)) {
            closeLedger();
            readUpTo = 0;
            return;
        }
        FileChannel channel = ledger();
        long size = channel.size();
        if (size < readUpTo) {
            // rewritten by something that did not raise the generation: read it again
            forget(generation);
            channel = ledger();
            size = channel.size();
        }
        if (size == readUpTo) return;
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - readUpTo));
        while (tail.hasRemaining() && channel.read(tail, readUpTo + tail.position()) > 0) {
            // read on until the end
        }
        byte[] bytes = tail.array();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != NEWLINE) end--;
        if (end < bytes.length) {
            LOG.warn("The ledger {} ended in a line without its line break ({} bytes, left by a runner that stopped while it wrote): "
                    + "dropped, so its partition is copied again", file, bytes.length - end);
            channel.truncate(readUpTo + end);
        }
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            lines++;
            if (line.startsWith(REMOVED)) keys.remove(line.substring(REMOVED.length()));
            else keys.add(line);
        }
        readUpTo += end;
    }

    private void append(String line) {
        append(List.of(line));
    }

    /** The lines, each with its line break, in one write (none: nothing written). */
    private void append(List<String> toAppend) {
        if (toAppend.isEmpty()) return;
        StringBuilder text = new StringBuilder();
        for (String line : toAppend) text.append(line).append('\n');
        try {
            FileChannel channel = ledger();
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            long at = readUpTo;
            while (buffer.hasRemaining()) at += channel.write(buffer, at);
            readUpTo = at;
            lines += toAppend.size();
        } catch (IOException e) {
            throw new RuntimeCamelException("Cannot record '" + toAppend.get(0) + "'" + (toAppend.size() > 1 ? " and " + (toAppend.size() - 1) + " more lines" : "")
                    + " in the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines of a file (each with its line break, {@code count} of them) appended in one write. */
    private void append(Path toAppend, int count) throws IOException {
        FileChannel channel = ledger();
        try (FileChannel from = FileChannel.open(toAppend, StandardOpenOption.READ)) {
            long size = from.size();
            long done = 0;
            while (done < size) done += channel.transferFrom(from, readUpTo + done, size - done);
            readUpTo += size;
            lines += count;
        }
    }

    /** What is done with each line of the file. */
    private interface LineAction {
        void accept(String line) throws IOException;
    }

    /**
     * Each line of the file, in order: under the lock, after {@link #readNewLines}, the lines the
     * keys were read from (keys hold no line break, so lines split at either are the keys' text).
     */
    private void forEachLine(LineAction each) throws IOException {
        if (!Files.exists(file)) return;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) each.accept(line);
            }
        }
    }

    /**
     * The file rewritten with its keys (a new file moved over it), under a new generation, raised
     * first: a writer killed in between leaves the old file under the new generation, which the
     * others read again from its start, and never a new file that they read from an old offset.
     * The keys' text comes from the old file: each line still held, once, in the order it was added.
     */
    private void rewrite() {
        try {
            writeGeneration(heldLock, ++generation);
            KeyHashSet written = new KeyHashSet();
            try (BufferedWriter out = Files.newBufferedWriter(rewriteFile, StandardCharsets.UTF_8)) {
                if (!keys.isEmpty()) {
                    forEachLine(line -> {
                        if (line.startsWith(REMOVED) || !keys.contains(line) || !written.add(line)) return;
                        out.write(line);
                        out.write('\n');
                    });
                }
            }
            Files.move(rewriteFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            closeLedger();
            readUpTo = Files.size(file);
            lines = keys.size();
        } catch (IOException e) {
            deleteQuietly(rewriteFile);
            throw new RuntimeCamelException("Cannot rewrite the ledger " + file + ": " + e.getMessage(), e);
        }
    }
}
