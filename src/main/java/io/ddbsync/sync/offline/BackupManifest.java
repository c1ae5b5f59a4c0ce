package io.ddbsync.sync.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
 * Paths are relative, use '/' and are sorted, so the same tree always gives the same manifest.
 */
public final class BackupManifest {

    /** The manifest's name inside the backup directory; it does not list itself. */
    public static final String FILE_NAME = "MANIFEST.sha256";

    private static final String SIZE_PREFIX = "# size ";
    /** One read buffer per thread: a backup has thousands of small files, and a buffer each would be mostly garbage. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[1 << 18]);

    private final List<Entry> entries;

    /** One file of the backup: path relative to the backup directory, size in bytes, SHA-256 in hex. */
    public record Entry(String path, long size, String sha256) {
        public Entry {
            requirePortablePath(path);
            if (size < 0) throw new IllegalArgumentException("negative size " + size + " for " + path);
            if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256 + " for " + path);
        }
    }

    private BackupManifest(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static BackupManifest of(List<Entry> entries) {
        return new BackupManifest(entries.stream().sorted(Comparator.comparing(Entry::path)).toList());
    }

    /** Hashes every regular file under {@code dir} except an existing manifest. */
    public static BackupManifest create(Path dir) throws IOException {
        return create(dir, DigestCache.none());
    }

    /**
     * The same, hashing only files whose digest {@code digests} does not know for their present
     * stamp (size, times, inode); the digests computed go into it for the next run.
     */
    public static BackupManifest create(Path dir, DigestCache digests) throws IOException {
        requireDirectory(dir);
        List<Entry> entries = new ArrayList<>();
        for (Path file : regularFiles(dir)) {
            String path = relativePath(dir, file);
            DigestCache.Stamp before = DigestCache.stamp(file);
            String known = digests.known(path, before);
            if (known != null) {
                entries.add(new Entry(path, before.size(), known));
                continue;
            }
            long started = System.currentTimeMillis();
            Entry hashed = hash(file, path);
            // a file that changed while it was read: its digest describes neither state, so it is not remembered
            if (before != null && before.size() == hashed.size() && before.equals(DigestCache.stamp(file))) {
                digests.hashed(path, before, hashed.sha256(), started);
            }
            entries.add(hashed);
        }
        return of(entries);
    }

    /** Reads {@code dir}/{@value #FILE_NAME}. */
    public static BackupManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no backup manifest");
        }
    }

    public static BackupManifest parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Long pendingSize = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (line.startsWith(SIZE_PREFIX)) {
                pendingSize = Long.parseLong(line.substring(SIZE_PREFIX.length()).trim());
            } else if (line.startsWith("#")) {
                continue;
            } else {
                // "<64 hex>  <path>" (two spaces: text mode) or "<64 hex> *<path>" (binary mode)
                if (line.length() < 67 || line.charAt(64) != ' ' || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
                    throw new IllegalArgumentException("manifest line " + lineNo + " is not in sha256sum format: " + line);
                }
                if (pendingSize == null) {
                    throw new IllegalArgumentException("manifest line " + lineNo + " has no '# size' line before it");
                }
                entries.add(new Entry(line.substring(66), pendingSize, line.substring(0, 64)));
                pendingSize = null;
            }
        }
        return of(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public int fileCount() {
        return entries.size();
    }

    public long totalBytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("# dolphindb-sync backup manifest: ").append(fileCount()).append(" files, ").append(totalBytes())
                .append(" bytes. Check: sha256sum -c ").append(FILE_NAME).append('\n');
        for (Entry e : entries) {
            out.append(SIZE_PREFIX).append(e.size()).append('\n');
            out.append(e.sha256()).append("  ").append(e.path()).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes {@code dir}/{@value #FILE_NAME} under a temporary name first, so a manifest that
     * exists is always whole.
     */
    public Path write(Path dir) throws IOException {
        Path target = dir.resolve(FILE_NAME);
        Path temp = dir.resolve(FILE_NAME + ".part");
        Files.writeString(temp, format(), StandardCharsets.UTF_8);
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Checks {@code dir} against this manifest: every listed file is there with its size and
     * hash, and no other file is (the manifest itself aside). Throws naming the first file
     * that is missing, truncated, altered or unexpected, in path order.
     */
    public void verify(Path dir) throws IOException, ManifestMismatchException {
        verify(dir, Set.of());
    }

    /**
     * The same check, where the files named in {@code hashedAlready} were found equal to their
     * entries by this process a moment before (the shared-directory leg's files it kept): their
     * presence and size are checked, their content not read again.
     */
    public void verify(Path dir, Set<String> hashedAlready) throws IOException, ManifestMismatchException {
        requireDirectory(dir);
        for (Entry e : entries) {
            Path file = dir.resolve(e.path());
            BasicFileAttributes attrs = attributesOrNull(file);
            if (attrs == null || !attrs.isRegularFile()) {
                throw new ManifestMismatchException(ManifestMismatchException.Problem.MISSING, e.path(), dir,
                        "expected " + e.size() + " bytes");
            }
            long size = attrs.size();
            if (size < e.size()) {
                throw new ManifestMismatchException(ManifestMismatchException.Problem.TRUNCATED, e.path(), dir,
                        size + " of " + e.size() + " bytes");
            }
            if (size > e.size()) {
                throw new ManifestMismatchException(ManifestMismatchException.Problem.ALTERED, e.path(), dir,
                        size + " bytes instead of " + e.size());
            }
            if (hashedAlready.contains(e.path())) continue;
            String actual = hash(file, e.path()).sha256();
            if (!actual.equals(e.sha256())) {
                throw new ManifestMismatchException(ManifestMismatchException.Problem.ALTERED, e.path(), dir,
                        "SHA-256 " + actual + " instead of " + e.sha256());
            }
        }
        Set<String> listed = entries.stream().map(Entry::path).collect(Collectors.toSet());
        TreeSet<String> unexpected = new TreeSet<>();
        for (Path file : regularFiles(dir)) {
            String path = relativePath(dir, file);
            if (!listed.contains(path)) unexpected.add(path);
        }
        if (!unexpected.isEmpty()) {
            throw new ManifestMismatchException(ManifestMismatchException.Problem.UNEXPECTED, unexpected.first(), dir,
                    unexpected.size() + " file(s) not in the manifest");
        }
    }

    /** The file's attributes (one stat, not following links), or null when there is no such file. */
    private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Every regular file under {@code dir} but its manifest; a link or a device file is refused. */
    private static List<Path> regularFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        // no FOLLOW_LINKS: a backup is plain files; a link would make the tree depend on what it points to.
        // walkFileTree reads each entry's attributes once and hands them over (Files.walk and a
        // readAttributes of our own took two reads of every file's metadata)
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink() || attrs.isOther()) {
                    throw new IOException("not a regular file or directory in backup " + dir + ": " + dir.relativize(p));
                }
                boolean ownFile = p.getParent().equals(dir) && isManifestName(p);
                if (attrs.isRegularFile() && !ownFile) files.add(p);
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static boolean isManifestName(Path p) {
        String name = p.getFileName().toString();
        return name.equals(FILE_NAME) || name.equals(FILE_NAME + ".part");
    }

    /** The file's path under {@code dir} as a manifest lists it. */
    private static String relativePath(Path dir, Path file) {
        String path = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        requirePortablePath(path);
        return path;
    }

    /** The file's size and SHA-256 as they are now, listed under {@code path}. */
    public static Entry hash(Path file, String path) throws IOException {
        MessageDigest sha = sha256();
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
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a normalized relative path: '" + path + "'");
            }
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
