package io.ddbsync.sync.offline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The list of every file of a backup directory with its size and SHA-256, written into that
 * directory as {@value #FILE_NAME} before the directory is moved, and checked on the target side
 * before anything is restored from it.
 *
 * <p>The file is in {@code sha256sum} format so that {@code sha256sum -c MANIFEST.sha256} checks it
 * on any Linux host without our code. Sizes travel in comment lines, which {@code sha256sum}
 * skips (even with {@code --strict}); they let a check tell a truncated file from an altered one:
 *
 * <pre>
 * # dolphindb-sync backup manifest: 2 files, 1048576 bytes. Check: sha256sum -c MANIFEST.sha256
 * # size 1048576
 * 3f0a…e1  db1/mt/20240101/chunk.bin
 * # size 0
 * e3b0…55  db1/mt/20240101/empty.bin
 * </pre>
 *
 * Paths are relative, use '/' and are sorted as Java strings ({@link String#compareTo}: by UTF-16
 * code unit, so "a-b" before "a/x"), so the same tree always gives the same manifest. A manifest is
 * a file, never a list in memory: it is written as the directory is walked in that order
 * ({@link PathOrderWalk}) and read back one entry at a time ({@link ManifestReader}); checks merge
 * the two sorted sequences.
 */
public final class BackupManifest {

    /** The manifest's name inside the backup directory; it does not list itself. */
    public static final String FILE_NAME = "MANIFEST.sha256";
    /** The whole manifest, before it is moved to its name: a manifest that exists is always whole. */
    private static final String PART_NAME = FILE_NAME + ".part";
    /** The entries as the walk writes them, before the header (which counts them) goes in front. */
    private static final String BODY_NAME = FILE_NAME + ".body";

    private static final String SIZE_PREFIX = "# size ";
    /**
     * One read buffer per thread: a backup has thousands of small files, and a buffer each would be mostly garbage.
     * 64 KB: hashing a few files at once holds one a thread, and a larger read saves nothing measurable per call.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[1 << 16]);
    /** One digest per thread, reset after each file: looking SHA-256 up among the providers for each of 10,000 files costs more than hashing them. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(BackupManifest::sha256);

    private final Path file;
    private final FileState state;
    private final int fileCount;
    private final long totalBytes;

    /**
     * The manifest file as this object wrote or read it: its entries are read from the file again
     * each time, so a file replaced or changed since (a second run writing into the same backup
     * directory) is refused rather than read as this run's.
     */
    private record FileState(Object fileKey, long size, FileTime modified) {
        static FileState of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(a.fileKey(), a.size(), a.lastModifiedTime());
        }
    }

    /** One file of the backup: path relative to the backup directory, size in bytes, SHA-256 in hex. */
    public record Entry(String path, long size, String sha256) {
        public Entry {
            requirePortablePath(path);
            if (size < 0) throw new IllegalArgumentException("negative size " + size + " for " + path);
            if (!isSha256Hex(sha256)) throw new IllegalArgumentException("not a SHA-256: " + sha256 + " for " + path);
        }
    }

    private BackupManifest(Path file, int fileCount, long totalBytes) throws IOException {
        this.file = file;
        this.state = FileState.of(file);
        this.fileCount = fileCount;
        this.totalBytes = totalBytes;
    }

    /** Hashes every regular file under {@code dir} except an existing manifest, and writes {@code dir}/{@value #FILE_NAME}. */
    public static BackupManifest create(Path dir) throws IOException {
        return create(dir, DigestCache.none());
    }

    /**
     * The same, hashing only files whose digest {@code digests} does not know for their present
     * stamp (size, times, inode); the digests computed go into it for the next run.
     *
     * <p>The files are walked in path order and each entry is written in that order once hashed (a few
     * threads hash a few dozen files ahead of the writing, {@link OrderedHashing}): nothing is kept
     * per file beyond those. The entries go to a temporary file; the header, which counts them, then goes in
     * front of them under a second temporary name, moved to {@value #FILE_NAME} when whole.
     */
    public static BackupManifest create(Path dir, DigestCache digests) throws IOException {
        requireDirectory(dir);
        Path body = dir.resolve(BODY_NAME);
        try {
            Lister lister;
            try (BufferedWriter out = Files.newBufferedWriter(body, StandardCharsets.UTF_8); DigestCache.Pass cache = digests.pass();
                 OrderedHashing hashing = OrderedHashing.start()) {
                lister = new Lister(dir, out, cache, hashing);
                PathOrderWalk.walk(dir, lister);
                hashing.finish();
                cache.complete();
            }
            Path part = dir.resolve(PART_NAME);
            try (OutputStream out = Files.newOutputStream(part)) {
                out.write(header(lister.files, lister.bytes).getBytes(StandardCharsets.UTF_8));
                Files.copy(body, out);
            }
            moveReplacing(part, dir.resolve(FILE_NAME));
            return new BackupManifest(dir.resolve(FILE_NAME), lister.files, lister.bytes);
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /**
     * The walk of {@link #create}: writes each file's two lines in path order and counts. A file whose
     * digest the cache does not know is hashed on {@link OrderedHashing}'s threads while the walk goes on.
     */
    private static final class Lister implements PathOrderWalk.Visitor<RuntimeException> {
        private final Path dir;
        private final BufferedWriter out;
        private final DigestCache.Pass cache;
        private final OrderedHashing hashing;
        private int files;
        private long bytes;

        Lister(Path dir, BufferedWriter out, DigestCache.Pass cache, OrderedHashing hashing) {
            this.dir = dir;
            this.out = out;
            this.cache = cache;
            this.hashing = hashing;
        }

        @Override
        public void file(String path, Path file, boolean regular, long size) throws IOException {
            if (isOwnFile(path)) return;
            requireRegular(dir, path, regular);
            requirePortablePath(path);
            DigestCache.Stamp before = DigestCache.stamp(file);
            String known = cache.known(path, before);
            if (known != null) {
                Entry e = new Entry(path, before.size(), known);
                hashing.then(() -> {
                    cache.keep(path, before, known);
                    write(e);
                });
                return;
            }
            long started = System.currentTimeMillis();
            hashing.hash(file, path, hashed -> {
                // a file that changed while it was read: its digest describes neither state, so it is not remembered
                if (before != null && before.size() == hashed.size() && before.equals(DigestCache.stamp(file))) {
                    cache.hashed(path, before, hashed.sha256(), started);
                }
                write(hashed);
            });
        }

        private void write(Entry e) throws IOException {
            out.write(SIZE_PREFIX + e.size() + "\n" + e.sha256() + "  " + e.path() + "\n");
            files++;
            bytes += e.size();
        }
    }

    private static String header(int files, long bytes) {
        return "# dolphindb-sync backup manifest: " + files + " files, " + bytes + " bytes. Check: sha256sum -c " + FILE_NAME + "\n";
    }

    private static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads {@code dir}/{@value #FILE_NAME} once through, checking every line (see
     * {@link ManifestReader}): a manifest damaged anywhere is refused here, before anything is
     * checked or restored from it.
     */
    public static BackupManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try (ManifestReader entries = ManifestReader.open(file)) {
            while (entries.hasNext()) entries.next();
            return new BackupManifest(file, entries.count(), entries.bytes());
        }
    }

    /** The manifest file. */
    public Path file() {
        return file;
    }

    /**
     * The entries in path order, read from the file as they are taken; close the reader (a Camel
     * splitter closes it when done).
     */
    public ManifestReader entries() throws IOException {
        ManifestReader reader = ManifestReader.open(file);
        if (!state.equals(FileState.of(file))) {
            reader.close();
            throw new IOException("the backup manifest " + file + " was replaced or changed after this run wrote or read it");
        }
        return reader;
    }

    public int fileCount() {
        return fileCount;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Whether the manifest file {@code other} lists exactly these entries (it may differ in comment
     * lines). Both are read side by side; a line of {@code other} that is not a manifest's throws.
     */
    public boolean listsTheSameAs(Path other) throws IOException {
        try (ManifestReader mine = entries(); ManifestReader theirs = ManifestReader.open(other)) {
            while (mine.hasNext() && theirs.hasNext()) {
                if (!mine.next().equals(theirs.next())) return false;
            }
            return mine.hasNext() == theirs.hasNext();
        }
    }

    /**
     * Checks {@code dir} against this manifest: every listed file is there with its size and
     * hash, and no other file is (the manifest itself aside). Throws naming the first file
     * that is missing, truncated, altered or unexpected, in path order.
     */
    public void verify(Path dir) throws IOException, ManifestMismatchException {
        verify(dir, new BitSet());
    }

    /**
     * The same check, where the entries whose positions (in manifest order, from 0) are set in
     * {@code hashedAlready} were found equal to their files by this process a moment before (the
     * shared-directory leg's files it kept): their presence and size are checked, their content not
     * read again.
     *
     * <p>A walk of {@code dir} in path order is merged with the manifest's entries: an entry the walk
     * passes without finding is missing, a file the walk finds without an entry is unexpected. As
     * before the merge, a listed file's problem is reported first (the first in path order); only when
     * every listed file matches are a link or device file, then an unexpected file, reported.
     */
    public void verify(Path dir, BitSet hashedAlready) throws IOException, ManifestMismatchException {
        requireDirectory(dir);
        try (ManifestReader listed = entries()) {
            DirectoryCheck check = new DirectoryCheck(dir, listed, hashedAlready);
            PathOrderWalk.walk(dir, check);
            if (listed.hasNext()) throw missing(listed.next(), dir);
            check.reportStrays();
        }
    }

    /** The verify merge's state: the first link and the first unexpected file, kept until every entry passed. */
    private static final class DirectoryCheck implements PathOrderWalk.Visitor<ManifestMismatchException> {
        private final Path dir;
        private final ManifestReader listed;
        private final BitSet hashedAlready;
        private String firstLink;
        private String firstUnexpected;
        private int unexpected;

        DirectoryCheck(Path dir, ManifestReader listed, BitSet hashedAlready) {
            this.dir = dir;
            this.listed = listed;
            this.hashedAlready = hashedAlready;
        }

        @Override
        public void file(String path, Path file, boolean regular, long size) throws IOException, ManifestMismatchException {
            if (isOwnFile(path)) return;
            Entry before = listed.peek();
            if (listed.skipBefore(path) > 0) throw missing(before, dir);
            Entry e = listed.peek();
            if (e == null || !e.path().equals(path)) {
                if (!regular && firstLink == null) firstLink = path;
                if (regular && unexpected++ == 0) firstUnexpected = path;
                return;
            }
            listed.next();
            // a link or device file where a file is listed: the listed file is not there
            if (!regular) throw missing(e, dir);
            ManifestMismatchException problem = sizeProblem(e, size);
            if (problem == null && !hashedAlready.get(listed.index())) problem = contentProblem(e, file);
            if (problem != null) throw problem;
        }
        private ManifestMismatchException sizeProblem(Entry e, long size) {
            if (size < e.size()) {
                return new ManifestMismatchException(ManifestMismatchException.Problem.TRUNCATED, e.path(), dir, size + " of " + e.size() + " bytes");
            }
            if (size > e.size()) {
                return new ManifestMismatchException(ManifestMismatchException.Problem.ALTERED, e.path(), dir, size + " bytes instead of " + e.size());
            }
            return null;
        }

        private ManifestMismatchException contentProblem(Entry e, Path file) throws IOException {
            String actual = hash(file, e.path()).sha256();
            if (actual.equals(e.sha256())) return null;
            return new ManifestMismatchException(ManifestMismatchException.Problem.ALTERED, e.path(), dir,
                    "SHA-256 " + actual + " instead of " + e.sha256());
        }

        void reportStrays() throws IOException, ManifestMismatchException {
            if (firstLink != null) requireRegular(dir, firstLink, false);
            if (unexpected > 0) {
                throw new ManifestMismatchException(ManifestMismatchException.Problem.UNEXPECTED, firstUnexpected, dir,
                        unexpected + " file(s) not in the manifest");
            }
        }
    }

    private static ManifestMismatchException missing(Entry e, Path dir) {
        return new ManifestMismatchException(ManifestMismatchException.Problem.MISSING, e.path(), dir, "expected " + e.size() + " bytes");
    }

    /** No link or device file in a backup: the tree would depend on what it points to. */
    private static void requireRegular(Path dir, String path, boolean regular) throws IOException {
        if (!regular) throw new IOException("not a regular file or directory in backup " + dir + ": " + path);
    }

    /** The manifest itself and its temporary files, at the top of the directory: not listed. */
    private static boolean isOwnFile(String path) {
        return path.equals(FILE_NAME) || path.equals(PART_NAME) || path.equals(BODY_NAME);
    }

    /** The file's size and SHA-256 as they are now, listed under {@code path}. */
    public static Entry hash(Path file, String path) throws IOException {
        MessageDigest sha = DIGESTS.get();
        sha.reset();
        long size = 0;
        byte[] buffer = BUFFERS.get();
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        return new Entry(path, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** 64 lower-case hex digits, as sha256sum prints them (a loop, not a regular expression: every entry of every manifest read passes here). */
    private static boolean isSha256Hex(String text) {
        if (text.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void requireDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "not a directory");
    }

    /**
     * sha256sum escapes names holding a backslash or a line break, and such a line would not
     * check the same everywhere; DolphinDB never writes such names, so refuse them outright.
     */
    private static void requirePortablePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not a relative file path: '" + path + "'");
        }
        // each '/'-separated part, without splitting: every entry of every manifest read passes here
        for (int from = 0; from <= path.length(); ) {
            int end = path.indexOf('/', from);
            if (end < 0) end = path.length();
            int length = end - from;
            if (length == 0 || (path.charAt(from) == '.' && (length == 1 || (length == 2 && path.charAt(from + 1) == '.')))) {
                throw new IllegalArgumentException("not a normalized relative path: '" + path + "'");
            }
            from = end + 1;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("file name with a backslash or control character cannot be listed in a manifest: '"
                        + path.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
    }
}
