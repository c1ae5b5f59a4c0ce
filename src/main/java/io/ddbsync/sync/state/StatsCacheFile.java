package io.ddbsync.sync.state;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The dolphindb component's stats cache: {@code key=value} lines appended to a file (the last line
 * of a key wins), held in memory, read at start. The file format is that of Camel's
 * FileStateRepository, which this replaces: once its file reaches its maximum size, that one
 * rewrites the whole file at every setState, and at 100,000 partitions (two entries each, one per
 * side, about 16 MB) each entry cost a 16 MB write (0.7 s).
 * <ul>
 * <li>Entries go through a buffer, written when it fills and at stop: a runner killed loses its
 *     latest entries, which only costs their partitions a scan at the next run. No fsync: the
 *     cache saves work, it proves nothing.</li>
 * <li>A last line without its line break (a writer killed mid-line) is dropped when the file is
 *     read: a value cut short could hold a wrong checksum.</li>
 * <li>The file is rewritten from memory (a new file moved over it) only when it is past
 *     {@code maxFileBytes} and more than half its lines are replaced entries, so each entry is
 *     rewritten a bounded number of times however many are set.</li>
 * </ul>
 * In memory each entry's key is kept as the first 128 bits of its SHA-256 ({@link Hash128}, in a
 * {@link KeyHashMap}: 110 to 130 bytes an entry with its value, against about 150 in a ConcurrentHashMap; a key
 * names the checksum's formula, the cluster, the table, every column checked with its type and the
 * partition: hundreds of characters, two entries a partition, for the runner's whole life); a
 * rewrite takes the keys' text from the file it replaces. Two keys with the same 128 bits (a chance
 * of 2^-128 a pair) would give one partition the other's stats, which the component still takes
 * only at the version they were taken at.
 * <p>
 * One runner's: the component uses one instance per file, from any number of threads (the online
 * copy pool, the offline verification's). The table has a lock of its own, held only to look up or
 * set a value, so that gets do not wait for a write or a rewrite of the file.
 */
public class StatsCacheFile extends ServiceSupport implements StateRepository<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(StatsCacheFile.class);
    private static final int BUFFER_CHARS = 1 << 16;

    private final Path file;
    private final long maxFileBytes;
    /** Each value as its UTF-8 bytes: a value is ASCII text (version, rows, checksum), and a String would add 24 bytes an entry. Guarded by itself. */
    private final KeyHashMap entries = new KeyHashMap();
    /** Lines in the file, and its size, as this instance wrote or read them. */
    private long lines;
    private long bytes;
    private Writer out;

    public StatsCacheFile(Path file, long maxFileBytes) {
        this.file = file.toAbsolutePath();
        this.maxFileBytes = maxFileBytes;
    }

    public Path getFile() {
        return file;
    }

    @Override
    public String getState(String key) {
        return text(get(Hash128.of(key)));
    }

    private byte[] get(long[] hash) {
        synchronized (entries) {
            return entries.get(hash);
        }
    }

    /** Sets the value of the key with this hash; returns the one it replaced, or null. */
    private byte[] put(long[] hash, byte[] value) {
        synchronized (entries) {
            return entries.put(hash, value);
        }
    }

    private int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void setState(String key, String value) {
        if (key.contains("=") || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A stats cache key must be one line without '=': " + key);
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) throw new IllegalArgumentException("A stats cache value must be one line: " + value);
        byte[] stored = value.getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(stored, put(Hash128.of(key), stored))) return;
        String line = key + "=" + value + "\n";
        try {
            if (out == null) out = open();
            out.write(line);
        } catch (IOException e) {
            throw new RuntimeCamelException("Cannot write the stats cache " + file + ": " + e.getMessage(), e);
        }
        lines++;
        bytes += line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxFileBytes && lines > 2L * size()) rewrite();
    }

    @Override
    protected synchronized void doStart() throws IOException {
        synchronized (entries) {
            entries.clear();
        }
        lines = 0;
        bytes = 0;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        int end = text.lastIndexOf('\n') + 1;
        if (end < text.length()) {
            LOG.warn("The stats cache {} ended in a line without its line break (left by a runner that stopped while it wrote): dropped, its "
                    + "partition is scanned again", file);
        }
        int from = 0;
        while (from < end) {
            int next = text.indexOf('\n', from);
            int eq = text.indexOf('=', from);
            if (eq > from && eq < next) put(Hash128.of(text.substring(from, eq)), text.substring(eq + 1, next).getBytes(StandardCharsets.UTF_8));
            lines++;
            from = next + 1;
        }
        bytes = Files.size(file);
        // the cut line goes now, before anything is appended after it
        if (end < text.length() || bytes > maxFileBytes && lines > 2L * size()) rewrite();
    }

    @Override
    protected synchronized void doStop() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private Writer open() throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), BUFFER_CHARS);
    }

    /**
     * The entries written to a new file moved over the old one; appends go to the new file. The
     * keys' text is the old file's: each key's line that holds its value now, once.
     */
    private void rewrite() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            Path fresh = file.resolveSibling(file.getFileName() + ".tmp");
            long written = 0;
            KeyHashSet done = new KeyHashSet();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); Writer w = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int eq = line.indexOf('=');
                    if (eq <= 0) continue;
                    long[] key = Hash128.of(line.substring(0, eq));
                    if (!line.substring(eq + 1).equals(text(get(key))) || !done.add(key[0], key[1])) continue;
                    w.write(line);
                    w.write('\n');
                    written += line.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lines = size();
            bytes = written;
        } catch (IOException e) {
            throw new RuntimeCamelException("Cannot rewrite the stats cache " + file + ": " + e.getMessage(), e);
        }
    }
}
