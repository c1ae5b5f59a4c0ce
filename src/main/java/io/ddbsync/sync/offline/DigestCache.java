package io.ddbsync.sync.offline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
 * <p>Nothing is held per file: the state file lists the files in manifest path order, and the
 * manifest's walk ({@link BackupManifest#create(Path, DigestCache)}) merges it with the directory,
 * asking for each file in that order ({@link Pass}) and writing the new state as it goes, to a
 * temporary file that {@link #save} moves into place. The previous state is checked whole before the
 * walk (every line well formed and in order, the last one ended): a state file cut short or
 * damaged anywhere is not used at all. A state file of the first version (v1, in no order) is not
 * used either: the first run after the upgrade hashes every file.
 *
 * <p>Where the file system gives no ctime or inode (no "unix" attribute view), nothing is
 * remembered and every file is hashed. The state holds only the files the run saw; a lost or
 * damaged state file only costs one run the hashing.
 */
public final class DigestCache {
    private static final Logger LOG = LoggerFactory.getLogger(DigestCache.class);
    /** Times this close to the hashing may share a tick with a later write (2 s: FAT's granularity). */
    static final long SETTLED_MILLIS = 2000;
    private static final String HEADER = "# dolphindb-sync digest cache v2, in path order: sha256 size mtime-ns ctime-ns inode path; directory ";

    /** What identifies one state of a file's content without reading it. */
    record Stamp(long size, long mtimeNanos, long ctimeNanos, long inode) {
        String format() {
            return size + " " + mtimeNanos + " " + ctimeNanos + " " + inode;
        }

        long newestMillis() {
            return TimeUnit.NANOSECONDS.toMillis(Math.max(mtimeNanos, ctimeNanos));
        }
    }

    /** One line of the state file: "sha256 size mtime ctime inode path" (the path last: it may hold spaces). */
    private record Known(String path, Stamp stamp, String sha256) {
        static Known parse(String line) {
            String[] f = line.split(" ", 6);
            if (f.length < 6) throw new IllegalArgumentException("a line has " + f.length + " fields");
            return new Known(f[5], new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])), f[0]);
        }

        String format() {
            return sha256 + " " + stamp.format() + " " + path;
        }
    }

    private final Path stateFile;
    private final Path directory;
    /** The previous state passed its check: the next pass may take digests from it. */
    private final boolean usable;
    private boolean passComplete;
    private int reused;

    private DigestCache(Path stateFile, Path directory, boolean usable) {
        this.stateFile = stateFile;
        this.directory = directory;
        this.usable = usable;
    }

    /** No state: every file is hashed. */
    public static DigestCache none() {
        return new DigestCache(null, null, false);
    }

    /**
     * The digests remembered for {@code directory} in {@code stateFile} (none when the file is
     * missing, is for another directory, or cannot be read: then every file is hashed).
     */
    public static DigestCache load(Path stateFile, Path directory) {
        try {
            return new DigestCache(stateFile, directory, isSound(stateFile, directory));
        } catch (NoSuchFileException e) {
            return new DigestCache(stateFile, directory, false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The digest cache {} cannot be read ({}): every file of {} is hashed", stateFile, e.getMessage(), directory);
            return new DigestCache(stateFile, directory, false);
        }
    }

    /** Reads the state file once, through: false when it is for another directory; throws when damaged. */
    private static boolean isSound(Path stateFile, Path directory) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            String header = lines.readLine();
            if (header == null || !header.equals(HEADER + directory)) return false;
            String last = null;
            int lineNo = 1;
            for (String line; (line = lines.readLine()) != null; ) {
                lineNo++;
                String path = parseLine(line, lineNo).path();
                if (last != null && path.compareTo(last) <= 0) throw new IllegalArgumentException("line " + lineNo + " is out of path order");
                last = path;
            }
        }
        // written whole and moved into place, the file ends with a line break unless damaged
        if (!endsWithLineBreak(stateFile)) throw new IllegalArgumentException("it does not end with a line break");
        return true;
    }

    private static Known parseLine(String line, int lineNo) {
        try {
            return Known.parse(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithLineBreak(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() == 0) return false;
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) == '\n';
        }
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

    /** Starts the merge of the previous state with a walk of the directory (one per manifest). */
    Pass pass() throws IOException {
        passComplete = false;
        return new Pass();
    }

    /** How many files' digests were reused rather than hashed. */
    public int reused() {
        return reused;
    }

    /**
     * Puts the state written by the last complete pass in place of the state file. After a pass
     * that did not end (the manifest failed), the state file stays as it was.
     */
    public void save() throws IOException {
        if (stateFile == null || !passComplete) return;
        try {
            Files.move(temp(), stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp(), stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
        passComplete = false;
    }

    private Path temp() {
        return stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    }

    /**
     * One walk's side of the merge. The walk asks for the files in manifest path order; the
     * previous state's lines are read up to the path asked, and the new state's lines written as
     * digests are found or computed.
     */
    final class Pass implements Closeable {
        private final BufferedReader previous;
        private final BufferedWriter next;
        private Known pending;
        private String lastAsked;

        private Pass() throws IOException {
            previous = usable ? Files.newBufferedReader(stateFile, StandardCharsets.UTF_8) : null;
            if (previous != null) previous.readLine();
            BufferedWriter out = null;
            if (stateFile != null) {
                Files.createDirectories(stateFile.getParent());
                out = Files.newBufferedWriter(temp(), StandardCharsets.UTF_8);
                out.write(HEADER + directory + "\n");
            }
            next = out;
        }

        /**
         * The digest remembered for the file at exactly this stamp, or null. Paths come in manifest
         * order. A digest used goes into the new state by {@link #keep}, called in path order with
         * {@link #hashed} (the hashing runs ahead of the writing).
         */
        String known(String path, Stamp stamp) throws IOException {
            if (lastAsked != null && path.compareTo(lastAsked) <= 0) {
                throw new IllegalStateException("digest cache asked for " + path + " after " + lastAsked + ": not in path order");
            }
            lastAsked = path;
            Known k = previousAt(path);
            if (stamp == null || k == null || !k.stamp().equals(stamp)) return null;
            reused++;
            return k.sha256();
        }

        /** A digest {@link #known} gave, kept for the next run. */
        void keep(String path, Stamp stamp, String sha256) throws IOException {
            remember(new Known(path, stamp, sha256));
        }

        /** A digest just computed for the file at the stamp it had before hashing began at {@code hashStartMillis}; in path order with {@link #keep}. */
        void hashed(String path, Stamp stamp, String sha256, long hashStartMillis) throws IOException {
            if (stamp != null && stamp.newestMillis() < hashStartMillis - SETTLED_MILLIS) remember(new Known(path, stamp, sha256));
        }

        /** The walk saw every file: {@link #save} may put this pass's state in place. */
        void complete() throws IOException {
            if (next != null) next.flush();
            passComplete = next != null;
        }

        private Known previousAt(String path) throws IOException {
            if (previous == null) return null;
            while (pending == null || pending.path().compareTo(path) < 0) {
                // checked whole by load(); a state file changed since only costs the hashing
                try {
                    String line = previous.readLine();
                    if (line == null) return null;
                    pending = Known.parse(line);
                } catch (IOException | IllegalArgumentException e) {
                    return null;
                }
            }
            return pending.path().equals(path) ? pending : null;
        }

        private void remember(Known k) throws IOException {
            if (next != null) next.write(k.format() + "\n");
        }

        @Override
        public void close() throws IOException {
            try (BufferedReader r = previous; BufferedWriter w = next) {
                // closes both, the reader even when the writer fails
            }
            if (!passComplete && stateFile != null) Files.deleteIfExists(temp());
        }
    }
}
