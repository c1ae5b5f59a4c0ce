package io.ddbsync.sync.offline;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of a manifest file ({@link BackupManifest}), read one line at a time: a manifest of
 * 100,000 files is never in memory at once. Every line is checked as it is read: a line that is not
 * in sha256sum format, a hash line without its size line, or a path that does not come after the
 * previous one (the merges with a directory walk need the order) stops the reading with an
 * {@link IllegalArgumentException} naming the file and the line.
 *
 * <p>An iterator so that a Camel splitter can stream it; Closeable, which the splitter honours when
 * it is done or fails. {@link #index()} is the position of the entry last returned, in manifest
 * order, the key the shared-directory leg marks kept files with.
 */
public final class ManifestReader implements Iterator<BackupManifest.Entry>, Closeable {
    private static final String SIZE_PREFIX = "# size ";

    private final Path file;
    private final BufferedReader lines;
    private int lineNo;
    private BackupManifest.Entry next;
    private String lastPath;
    private int index = -1;
    private long bytes;
    private boolean ended;

    private ManifestReader(Path file, BufferedReader lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Opens {@code file}; a missing one is a NoSuchFileException saying "no backup manifest". */
    public static ManifestReader open(Path file) throws IOException {
        try {
            return new ManifestReader(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no backup manifest");
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = readEntry();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the backup manifest " + file + ": " + e.getMessage(), e);
            }
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public BackupManifest.Entry next() {
        if (!hasNext()) throw new NoSuchElementException("no more entries in " + file);
        BackupManifest.Entry e = next;
        next = null;
        index++;
        bytes += e.size();
        return e;
    }

    /** The next entry without taking it, or null at the end. */
    public BackupManifest.Entry peek() {
        return hasNext() ? next : null;
    }

    /**
     * Takes the entries that come before {@code path} in manifest order and returns how many there
     * were (the files a walk that is at {@code path} did not find).
     */
    public int skipBefore(String path) {
        int skipped = 0;
        while (hasNext() && next.path().compareTo(path) < 0) {
            next();
            skipped++;
        }
        return skipped;
    }

    /** Position (from 0) of the entry last returned, in manifest order. */
    public int index() {
        return index;
    }

    /** Entries returned so far. */
    public int count() {
        return index + 1;
    }

    /** Sum of the sizes of the entries returned so far. */
    public long bytes() {
        return bytes;
    }

    private BackupManifest.Entry readEntry() throws IOException {
        Long pendingSize = null;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (line.startsWith(SIZE_PREFIX)) {
                pendingSize = parseSize(line.substring(SIZE_PREFIX.length()).trim());
            } else if (!line.startsWith("#")) {
                return entry(line, pendingSize);
            }
        }
        return null;
    }

    /** "<64 hex>  <path>" (two spaces: text mode) or "<64 hex> *<path>" (binary mode). */
    private BackupManifest.Entry entry(String line, Long size) {
        if (line.length() < 67 || line.charAt(64) != ' ' || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
            throw bad("is not in sha256sum format: " + line);
        }
        if (size == null) throw bad("has no '# size' line before it");
        BackupManifest.Entry e;
        try {
            e = new BackupManifest.Entry(line.substring(66), size, line.substring(0, 64));
        } catch (IllegalArgumentException invalid) {
            throw bad(invalid.getMessage());
        }
        if (lastPath != null && e.path().compareTo(lastPath) <= 0) {
            throw bad("lists " + e.path() + " after " + lastPath + ": a manifest lists each file once, in path order");
        }
        lastPath = e.path();
        return e;
    }

    private long parseSize(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad("has a size that is not a number: '" + text + "'");
        }
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("backup manifest " + file + " line " + lineNo + " " + what);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
