package io.ddbsync.sync.online;

import com.xxdb.data.BasicArrayVector;
import com.xxdb.data.BasicBooleanVector;
import com.xxdb.data.BasicByteVector;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicFloatVector;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicShortVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.camel.wire.WireTable;
import io.ddbsync.camel.PartitionChecksum;

import java.util.List;

/**
 * An order-independent digest of table rows as the Java API decoded them: the row count and two
 * 64-bit sums of per-row hashes. The online sync feeds it the blocks it appended to the target and,
 * separately, the blocks it reads back from the target partition; equal digests mean the target
 * holds the rows that were copied, as a multiset, bit for bit.
 * <p>
 * Each value enters by its exact image: the integer of integral and temporal types, the IEEE-754
 * bits of FLOAT and DOUBLE, the characters of STRING and SYMBOL, the bytes of BLOB, the text of
 * the other types (UUID, IPADDR, INT128, DECIMAL: exact in the API); an array vector's row, its
 * length and each element's image as for a column of the element type. A NULL of a numeric or temporal type is one reserved value of that type (INT's
 * is its minimum, DOUBLE's is -DBL_MAX, as on the wire), so its image is that value; a NULL of the
 * other types has an image of its own.
 * A row's hash chains its values in column order (a multiply and a shift per value), so a value that
 * moves to another row or column changes the digest; the sums make the digest independent of row order and of how the rows are
 * split into blocks. Both sides are decoded by the same client, so no text formatting or server
 * version can make equal data differ. It guards against accidents, not adversaries (see
 * docs/checksum.md).
 */
public final class RowDigest {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** The image of a NULL string, symbol, BLOB or other text-imaged value; a row's chain position keeps columns apart. */
    static final long NULL_IMAGE = 0x6A09E667F3BCC908L;
    /** Constants of an array vector's row image: one for its length, one for its elements. */
    private static final long ARRAY_LENGTH = 0xBB67AE8584CAA73BL;
    private static final long ARRAY_ELEMENT = 0x3C6EF372FE94F82BL;

    private long rows;
    private long sum1;
    private long sum2;
    private long[] chain = new long[0];

    /** Adds every row of the block. */
    public void add(BasicTable block) {
        long[] h = begin(block.rows());
        for (int c = 0; c < block.columns(); c++) {
            mixColumn(h, block.getColumn(c), block.rows(), (c + 1) * GOLDEN);
        }
        end(h, block.rows());
    }

    /**
     * Adds every row of a block in wire form. Each value's image is the one the API's decoded
     * vector gives ({@link #add(BasicTable)}), read straight from the bytes, so a block digests the
     * same in either form (RowDigestTest checks it type by type).
     */
    public void add(WireTable block) {
        long[] h = begin(block.rows());
        List<WireTable.Column> columns = block.getColumns();
        for (int c = 0; c < columns.size(); c++) {
            WireDigest.mixColumn(h, columns.get(c), block.rows(), (c + 1) * GOLDEN);
        }
        end(h, block.rows());
    }

    /** Every row's chain at its start. */
    private long[] begin(int n) {
        if (chain.length < n) chain = new long[n];
        java.util.Arrays.fill(chain, 0, n, GOLDEN);
        return chain;
    }

    /** Every row's chain is complete: into the sums. */
    private void end(long[] h, int n) {
        for (int i = 0; i < n; i++) {
            sum1 += splitMix(h[i]);
            sum2 += murmurMix(h[i]);
        }
        rows += n;
    }

    public long rows() {
        return rows;
    }

    /** Rows and both sums as 32 hex digits, like a server-side partition checksum ({@code "0"}: no rows). */
    public String hex() {
        return PartitionChecksum.combine(rows, sum1, sum2);
    }

    public boolean matches(RowDigest other) {
        return rows == other.rows && sum1 == other.sum1 && sum2 == other.sum2;
    }

    /**
     * h[i] = mix(h[i], image of row i's value); the column constant keeps equal values in different
     * columns apart. The common types are read from the vector's own array with no per-value branch
     * or call, so the JIT can vectorize the loop: the digest runs over every row twice (appended and
     * read back), and it was a third of the runner's CPU.
     */
    private static void mixColumn(long[] h, Vector v, int n, long column) {
        if (v instanceof BasicDoubleVector d) {
            double[] a = d.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], Double.doubleToLongBits(a[i]), column);
        } else if (v instanceof BasicLongVector l) {
            long[] a = l.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], a[i], column);
        } else if (v instanceof BasicIntVector x) {
            int[] a = x.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], a[i], column);
        } else if (v instanceof BasicSymbolVector s) {
            mixSymbols(h, s, n, column);
        } else if (v instanceof BasicStringVector s && s.getDataType() == Entity.DATA_TYPE.DT_BLOB) {
            // BLOB: the bytes themselves (their text would map different invalid UTF-8 alike)
            List<byte[]> blobs = s.getdataByteArray();
            for (int i = 0; i < n; i++) h[i] = step(h[i], s.isNull(i) ? NULL_IMAGE : bytes(blobs.get(i)), column);
        } else if (v instanceof BasicStringVector s) {
            for (int i = 0; i < n; i++) h[i] = step(h[i], s.isNull(i) ? NULL_IMAGE : text(s.getString(i)), column);
        } else if (v instanceof BasicFloatVector f) {
            float[] a = f.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], Float.floatToIntBits(a[i]), column);
        } else if (v instanceof BasicShortVector x) {
            short[] a = x.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], a[i], column);
        } else if (v instanceof BasicByteVector x) {
            byte[] a = x.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], a[i], column);
        } else if (v instanceof BasicBooleanVector x) {
            byte[] a = x.getValues();
            for (int i = 0; i < n; i++) h[i] = step(h[i], a[i], column);
        } else if (v instanceof BasicArrayVector arrays) {
            // an array vector (a DolphinDB array per row): each row's array by its length and its elements' exact images, in order
            for (int i = 0; i < n; i++) h[i] = step(h[i], arrayImage(arrays.getVectorValue(i)), column);
        } else {
            // UUID, IPADDR, INT128, DECIMAL and the rest: the API's text of the value is exact for them
            for (int i = 0; i < n; i++) h[i] = step(h[i], v.isNull(i) ? NULL_IMAGE : text(v.get(i).getString()), column);
        }
    }

    /**
     * One row's array: its length, then each element's exact image as for a column of that type,
     * chained in order, so a change to any element, a missing or an extra element, or two elements
     * swapped changes it.
     */
    private static long arrayImage(Vector elements) {
        int m = elements.rows();
        long[] images = new long[m];
        mixColumn(images, elements, m, ARRAY_ELEMENT);
        long acc = step(GOLDEN, m, ARRAY_LENGTH);
        for (int j = 0; j < m; j++) acc = step(acc, images[j], ARRAY_ELEMENT);
        return murmurMix(acc);
    }

    /** A block's symbols are few: each one's text is hashed once, by its index in the block's symbol base. */
    private static void mixSymbols(long[] h, BasicSymbolVector s, int n, long column) {
        int[] ids = s.getValues();
        long[] memo = new long[Math.max(1, maxId(ids, n) + 1)];
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            long image = memo[id];
            if (image == 0) {
                image = s.isNull(i) ? NULL_IMAGE : text(s.getString(i));
                // 0 marks "not yet hashed"; a text hashing to 0 is just hashed again
                memo[id] = image;
            }
            h[i] = step(h[i], image, column);
        }
    }

    /**
     * One value into a row's chain: a bijection of h for a given value, and of the value for a
     * given h, so one changed value always changes the chain; the row's two finalizers spread it.
     */
    static long step(long h, long image, long column) {
        long z = (h ^ (image + column)) * GOLDEN;
        return z ^ (z >>> 29);
    }

    private static int maxId(int[] ids, int n) {
        int max = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, ids[i]);
        return max;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** A 64-bit hash of the characters (FNV-1a over UTF-16 code units, then mixed with the length). */
    static long text(String s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return murmurMix(h ^ s.length());
    }

    /** {@link #text} of the String whose characters are these ASCII bytes, without making it. */
    static long asciiText(byte[] b, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * FNV_PRIME;
        }
        return murmurMix(h ^ (to - from));
    }

    /** A 64-bit hash of the bytes (FNV-1a, then mixed with the length). */
    private static long bytes(byte[] b) {
        long h = FNV_OFFSET;
        for (byte x : b) {
            h = (h ^ (x & 0xff)) * FNV_PRIME;
        }
        return murmurMix(h ^ b.length);
    }

    /** SplitMix64's finalizer: a bijection of 64-bit values that spreads every input bit. */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** MurmurHash3's 64-bit finalizer: a second, independent bijection for the second sum. */
    private static long murmurMix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
