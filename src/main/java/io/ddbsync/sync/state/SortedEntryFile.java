package io.ddbsync.sync.state;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Entries (a key's 128-bit hash, {@link Hash128}, and a value of bytes) in a file sorted by hash,
 * looked up in place through a read-only mapping of the file: the entries take no heap, only the
 * page cache, however many there are. Written whole, never changed after: {@link #merge} writes a
 * new file with the entries of this one and the given ones.
 * <p>
 * The file (big-endian): {@code MAGIC}, the entry count {@code n} and the values' total length
 * (ints); {@code n} index records, each the hash's two longs and the end of its value in the values
 * (an int); the values, one after the other in the index's order; a CRC-32C of everything before
 * it. A file of any other size, magic or CRC is refused as a whole when opened ({@link Damaged}):
 * a byte flipped in a value could be a wrong checksum, so nothing of it is used.
 * <p>
 * Thread-safe: immutable once opened (its lookups read the mapping at absolute positions).
 */
final class SortedEntryFile {
    /** "ddbStat" and the format's version, 1. */
    static final long MAGIC = 0x6464625374617401L;
    private static final int HEADER = 16;
    private static final int RECORD = 20;
    private static final int TRAILER = 4;
    private static final SortedEntryFile EMPTY = new SortedEntryFile(null, 0);

    private final ByteBuffer map;
    private final int size;

    private SortedEntryFile(ByteBuffer map, int size) {
        this.map = map;
        this.size = size;
    }

    /** No entries: what a missing file reads as. */
    static SortedEntryFile empty() {
        return EMPTY;
    }

    /** The file, checked whole (size, magic, CRC); empty when it does not exist. */
    static SortedEntryFile open(Path file) throws IOException, Damaged {
        MappedByteBuffer map;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length > Integer.MAX_VALUE) throw new Damaged(length + " bytes, more than the format holds");
            if (length < HEADER + TRAILER) throw new Damaged("cut short at " + length + " bytes");
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        if (map.getLong(0) != MAGIC) throw new Damaged("not a stats cache of this version (its first bytes differ)");
        int n = map.getInt(8);
        int values = map.getInt(12);
        long expected = HEADER + (long) RECORD * n + values + TRAILER;
        if (n < 0 || values < 0 || expected != map.capacity()) {
            throw new Damaged(map.capacity() + " bytes where its header says " + expected + " (cut short, or written over)");
        }
        CRC32C crc = new CRC32C();
        crc.update(map.duplicate().limit(map.capacity() - TRAILER));
        if ((int) crc.getValue() != map.getInt(map.capacity() - TRAILER)) throw new Damaged("its CRC does not match its bytes");
        return new SortedEntryFile(map, n);
    }

    int size() {
        return size;
    }

    /** The value of the key with this hash, or null. */
    byte[] get(long high, long low) {
        int from = 0;
        int to = size - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = compare(high(mid), low(mid), high, low);
            if (c < 0) from = mid + 1;
            else if (c > 0) to = mid - 1;
            else return value(mid);
        }
        return null;
    }

    private long high(int i) {
        return map.getLong(HEADER + i * RECORD);
    }

    private long low(int i) {
        return map.getLong(HEADER + i * RECORD + 8);
    }

    private int valueEnd(int i) {
        return i < 0 ? 0 : map.getInt(HEADER + i * RECORD + 16);
    }

    private byte[] value(int i) {
        int start = valueEnd(i - 1);
        byte[] v = new byte[valueEnd(i) - start];
        map.get(HEADER + size * RECORD + start, v);
        return v;
    }

    /** The order of the file: by the hash's high long, then its low, both unsigned. */
    static int compare(long high, long low, long otherHigh, long otherLow) {
        int c = Long.compareUnsigned(high, otherHigh);
        return c != 0 ? c : Long.compareUnsigned(low, otherLow);
    }

    /**
     * Writes to {@code to} the entries of this file and {@code added} (sorted by {@link #compare},
     * each hash once), an added entry replacing this file's of the same hash.
     */
    void merge(Entries added, Path to) throws IOException {
        // three walks of the same merge: the count and the values' length for the header, the index, the values
        long[] totals = new long[2];
        walk(added, (high, low, fromAdded, at) -> {
            totals[0]++;
            totals[1] += fromAdded ? added.value(at).length : valueEnd(at) - valueEnd(at - 1);
        });
        if (HEADER + RECORD * totals[0] + totals[1] + TRAILER > Integer.MAX_VALUE) {
            throw new IOException("the stats cache would pass 2 GB (" + totals[0] + " entries)");
        }
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(to); CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(checked)) {
            out.writeLong(MAGIC);
            out.writeInt((int) totals[0]);
            out.writeInt((int) totals[1]);
            int[] end = {0};
            IOException[] failed = {null};
            walk(added, (high, low, fromAdded, at) -> {
                end[0] += fromAdded ? added.value(at).length : valueEnd(at) - valueEnd(at - 1);
                try {
                    out.writeLong(high);
                    out.writeLong(low);
                    out.writeInt(end[0]);
                } catch (IOException e) {
                    if (failed[0] == null) failed[0] = e;
                }
            });
            walk(added, (high, low, fromAdded, at) -> {
                try {
                    out.write(fromAdded ? added.value(at) : value(at));
                } catch (IOException e) {
                    if (failed[0] == null) failed[0] = e;
                }
            });
            if (failed[0] != null) throw failed[0];
            out.flush();
            // the CRC of everything written so far, written past the checked stream
            new DataOutputStream(file).writeInt((int) crc.getValue());
        }
    }

    private interface Visit {
        /** One entry of the merge: from {@code added} at index {@code at} when {@code fromAdded}, else this file's at {@code at}. */
        void entry(long high, long low, boolean fromAdded, int at);
    }

    private void walk(Entries added, Visit visit) {
        int i = 0;
        int j = 0;
        while (i < size || j < added.size()) {
            int c = i == size ? 1 : j == added.size() ? -1 : compare(high(i), low(i), added.high(j), added.low(j));
            if (c < 0) {
                visit.entry(high(i), low(i), false, i);
                i++;
            } else {
                visit.entry(added.high(j), added.low(j), true, j);
                j++;
                if (c == 0) i++;
            }
        }
    }

    /** Entries to merge into a file, sorted by {@link #compare}, each hash once. */
    interface Entries {
        int size();

        long high(int i);

        long low(int i);

        byte[] value(int i);
    }

    /** A file that cannot be read as a whole, and why. */
    static final class Damaged extends Exception {
        Damaged(String why) {
            super(why);
        }
    }
}
