package io.ddbsync.standin.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file that receives a large uploaded table's bytes while they are still arriving. A table
 * written to a DFS table as it came (one partition, nothing converted) is already a segment in
 * this form, so the file is then moved into the partition instead of written after the upload:
 * the copy into the page cache, which a durable write needs anyway, happens in the gaps while
 * the server waits for the client's next bytes rather than while the client waits for the reply.
 *
 * <p>Spooling is an optimisation and never a reason to fail: a spool that cannot be written is
 * dropped, and the upload is stored the ordinary way. Spool files left by a killed server are
 * removed when the next one starts ({@link #clear}).
 */
public final class UploadSpool {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path file;
    private FileChannel channel;
    private long length;
    private boolean failed;

    private UploadSpool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new spool file in {@code dir}, or null when none can be made there. */
    static UploadSpool create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".upload");
            return new UploadSpool(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Appends bytes (from a direct buffer: the kernel copies them once). */
    void append(ByteBuffer bytes) {
        if (failed) return;
        try {
            length += bytes.remaining();
            while (bytes.hasRemaining()) channel.write(bytes);
        } catch (IOException e) {
            failed = true;
            delete();
        }
    }

    /** Closes the file once the upload has arrived; false when the spool is unusable. */
    boolean finish() {
        if (failed) return false;
        try {
            channel.close();
            return true;
        } catch (IOException e) {
            failed = true;
            delete();
            return false;
        }
    }

    long length() {
        return length;
    }

    /**
     * Moves the finished file to {@code target} (a staged segment: same file system, new name).
     * False, with the spool deleted, when it cannot be moved (another file system, say).
     */
    public boolean moveTo(Path target) {
        if (failed) return false;
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            delete();
            return false;
        }
    }

    /** Removes the file (an upload that was not stored as it came). */
    void delete() {
        failed = true;
        try {
            if (channel.isOpen()) channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover spool file is removed when the server next starts
        }
    }

    /** Removes spool files a killed server left behind: called when a node starts on its data directory. */
    public static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
    }
}
