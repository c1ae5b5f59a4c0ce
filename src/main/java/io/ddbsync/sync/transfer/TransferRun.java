package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.DigestCache;
import org.apache.camel.Exchange;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * The steps every leg shares: write the manifest before the move, time the move, and report
 * bytes and time when the target has been checked. Called from routes/transfer-legs.yaml.
 */
public final class TransferRun {

    private TransferRun() {
    }

    /** Checks the two paths and writes MANIFEST.sha256 into the backup directory (shared-directory leg). */
    public static void writeManifest(Exchange exchange) throws IOException {
        writeManifestForTarget(exchange, null);
    }

    /** The same, for a leg whose restore directory is on {@code targetHost}. */
    public static void writeManifestForTarget(Exchange exchange, String targetHost) throws IOException {
        exchange.setProperty(TransferHeaders.STARTED_NANOS, System.nanoTime());
        TransferPaths paths = TransferPaths.of(exchange, targetHost);
        String digestFile = exchange.getIn().getHeader(TransferHeaders.DIGEST_CACHE, String.class);
        DigestCache digests = digestFile == null || digestFile.isBlank() ? DigestCache.none() : DigestCache.load(Path.of(digestFile), paths.backup());
        BackupManifest manifest = BackupManifest.create(paths.backup(), digests);
        digests.save();
        exchange.setProperty(TransferHeaders.MANIFEST, manifest);
    }

    /** The local file of one manifest entry, as the body a file or SFTP producer uploads. */
    public static File backupFile(String backupPath, String relativePath) {
        return new File(backupPath, relativePath);
    }

    /**
     * The entries still to copy or upload: the manifest's but those the leg found on the target
     * already ({@link TransferHeaders#KEPT}, none if unset), read from the manifest as the splitter
     * takes them; the splitter closes the reader.
     */
    public static Iterator<BackupManifest.Entry> toCopy(Exchange exchange) throws IOException {
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        return new NotKept<>(manifest.entries(), exchange.getProperty(TransferHeaders.KEPT, new BitSet(), BitSet.class), counted(exchange, (entry, index) -> entry));
    }

    /**
     * {@code shape}, adding the size of each entry it is given to the bytes moved: an entry handed
     * out is one the leg copies or uploads, and the figures are reported only if all of them arrived.
     */
    static <T> NotKept.Shape<T> counted(Exchange exchange, NotKept.Shape<T> shape) {
        AtomicLong moved = exchange.getProperty(TransferHeaders.MOVED_SO_FAR, AtomicLong.class);
        if (moved == null) throw new IllegalStateException("exchange property " + TransferHeaders.MOVED_SO_FAR + " was not set: copyStarted comes first");
        return (entry, index) -> {
            moved.addAndGet(entry.size());
            return shape.of(entry, index);
        };
    }

    public static void copyStarted(Exchange exchange) {
        exchange.setProperty(TransferHeaders.COPY_STARTED_NANOS, System.nanoTime());
        exchange.setProperty(TransferHeaders.MOVED_SO_FAR, new AtomicLong());
    }

    /**
     * After the rsync leg's command succeeded: the bytes rsync moved, from the line "moved N" it ends
     * its output with ({@link RsyncCommand}). Without it (an rsync that printed no statistics) the
     * figure is not known, and left out rather than guessed.
     */
    public static void rsyncMoved(Exchange exchange) {
        String output = exchange.getIn().getBody(String.class);
        Matcher moved = output == null ? null : RsyncCommand.MOVED_LINE.matcher(output);
        if (moved != null && moved.find()) {
            exchange.getProperty(TransferHeaders.MOVED_SO_FAR, AtomicLong.class).set(Long.parseLong(moved.group(1)));
        } else {
            exchange.removeProperty(TransferHeaders.MOVED_SO_FAR);
        }
    }

    public static void copyDone(Exchange exchange) {
        exchange.setProperty(TransferHeaders.COPY_MILLIS, millisSince(exchange, TransferHeaders.COPY_STARTED_NANOS));
    }

    /**
     * Called only after the target passed its check: the figures describe a complete transfer (the
     * backup's bytes and files, the bytes this run moved, the time).
     */
    public static void done(Exchange exchange) {
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        exchange.setProperty(TransferHeaders.TRANSFER_BYTES, manifest.totalBytes());
        if (exchange.removeProperty(TransferHeaders.MOVED_SO_FAR) instanceof AtomicLong moved) exchange.setProperty(TransferHeaders.MOVED_BYTES, moved.get());
        exchange.setProperty(TransferHeaders.TRANSFER_FILES, manifest.fileCount());
        exchange.setProperty(TransferHeaders.TRANSFER_MILLIS, millisSince(exchange, TransferHeaders.STARTED_NANOS));
    }

    private static long millisSince(Exchange exchange, String property) {
        Long started = exchange.getProperty(property, Long.class);
        if (started == null) throw new IllegalStateException("exchange property " + property + " was not set");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
