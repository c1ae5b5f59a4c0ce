package io.ddbsync.sync.offline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of each file of one backup directory as last hashed, kept in a state file, so that a
 * manifest of a kept copy-files backup hashes only the files DolphinDB wrote since (an incremental
 * backup rewrites only changed partitions).
 *
 * <p>A digest is reused only for a file whose stamp is the one it was hashed at: size, mtime, ctime
 * and inode. Any write changes mtime and ctime, and even a tool that puts the mtime back
 * ({@code touch -d}) changes ctime; a file replaced by a rename has another inode. File times have
 * a granularity (a clock tick, up to 2 s on some file systems), so a file written twice within one
 * tick with the same size keeps its stamp: a digest is therefore remembered only for a file whose
 * times are at least {@link #SETTLED_MILLIS} older than the moment its hashing began (git's "racy
 * clean" rule). A file DolphinDB has just written is hashed again by the next run, then remembered.
 *
 * <p>Where the file system gives no ctime or inode (no "unix" attribute view), nothing is
 * remembered and every file is hashed. The state file is rewritten whole at each run (write to a
 * temporary file, then move), holding only the files the run saw; a lost or damaged state file only
 * costs one run the hashing.
 */
public final class DigestCache {
    private static final Logger LOG = LoggerFactory.getLogger(DigestCache.class);
    /** Times this close to the hashing may share a tick with a later write (2 s: FAT's granularity). */
    static final long SETTLED_MILLIS = 2000;
    private static final String HEADER = "# dolphindb-sync digest cache v1: sha256 size mtime-ns ctime-ns inode path; directory ";

    /** What identifies one state of a file's content without reading it. */
    record Stamp(long size, long mtimeNanos, long ctimeNanos, long inode) {
        String format() {
            return size + " " + mtimeNanos + " " + ctimeNanos + " " + inode;
        }

        long newestMillis() {
            return TimeUnit.NANOSECONDS.toMillis(Math.max(mtimeNanos, ctimeNanos));
        }
    }

    private record Known(Stamp stamp, String sha256) {
    }

    private final Path stateFile;
    private final Path directory;
    private final Map<String, Known> previous;
    private final Map<String, Known> current = new HashMap<>();
    private int reused;

    private DigestCache(Path stateFile, Path directory, Map<String, Known> previous) {
        this.stateFile = stateFile;
        this.directory = directory;
        this.previous = previous;
    }

    /** No state: every file is hashed. */
    public static DigestCache none() {
        return new DigestCache(null, null, Map.of());
    }

    /**
     * The digests remembered for {@code directory} in {@code stateFile} (none when the file is
     * missing, is for another directory, or cannot be read: then every file is hashed).
     */
    public static DigestCache load(Path stateFile, Path directory) {
        Map<String, Known> known = new HashMap<>();
        try {
            String text = Files.readString(stateFile, StandardCharsets.UTF_8);
            // written whole and moved into place, the file ends with a line break unless damaged
            if (!text.endsWith("\n")) throw new IllegalArgumentException("it does not end with a line break");
            String[] lines = text.split("\n");
            if (!lines[0].equals(HEADER + directory)) return new DigestCache(stateFile, directory, known);
            for (int i = 1; i < lines.length; i++) {
                // sha256 size mtime ctime inode path (the path last: it may hold spaces)
                String[] f = lines[i].split(" ", 6);
                if (f.length < 6) throw new IllegalArgumentException("line " + (i + 1) + " has " + f.length + " fields");
                Stamp stamp = new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
                known.put(f[5], new Known(stamp, f[0]));
            }
        } catch (NoSuchFileException e) {
            return new DigestCache(stateFile, directory, Map.of());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The digest cache {} cannot be read ({}): every file of {} is hashed", stateFile, e.getMessage(), directory);
            known.clear();
        }
        return new DigestCache(stateFile, directory, known);
    }

    /** The file's stamp, or null where the file system does not give ctime and inode. */
    static Stamp stamp(Path file) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        return new Stamp((Long) a.get("size"), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), (Long) a.get("ino"));
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    /** The digest remembered for the file at exactly this stamp, or null. */
    String known(String path, Stamp stamp) {
        Known k = stamp == null ? null : previous.get(path);
        if (k == null || !k.stamp().equals(stamp)) return null;
        current.put(path, k);
        reused++;
        return k.sha256();
    }

    /** A digest just computed for the file at the stamp it had before hashing began at {@code hashStartMillis}. */
    void hashed(String path, Stamp stamp, String sha256, long hashStartMillis) {
        if (stamp != null && stamp.newestMillis() < hashStartMillis - SETTLED_MILLIS) current.put(path, new Known(stamp, sha256));
    }

    /** How many files' digests were reused rather than hashed. */
    public int reused() {
        return reused;
    }

    /** Writes the digests of the files seen since {@link #load}, replacing the state file. */
    public void save() throws IOException {
        if (stateFile == null) return;
        StringBuilder text = new StringBuilder(HEADER).append(directory).append('\n');
        current.forEach((path, k) -> text.append(k.sha256()).append(' ').append(k.stamp().format()).append(' ').append(path).append('\n'));
        Files.createDirectories(stateFile.getParent());
        Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
