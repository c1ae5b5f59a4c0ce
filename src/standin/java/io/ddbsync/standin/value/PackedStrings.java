package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.io.ExtendedDataInput;
import com.xxdb.io.ExtendedDataOutput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A STRING vector kept as all its elements' UTF-8 bytes in one byte[] with an int[] of offsets,
 * instead of one java.lang.String per element: the checksum script keeps several million-row
 * text vectors alive per partition, and as Strings they cost the stand-in half its time in GC.
 *
 * <p>string(), format() and string + make these; crc32, strlen and + read the bytes directly
 * ({@link #isPacked()}, {@link #bytes()}, {@link #offsets()}). To everything else it is an
 * ordinary BasicStringVector: rows, isNull, getString and get answer from the bytes, and every
 * other method of the API class first fills the superclass's String[] (once, kept) and then runs
 * the API's own code, so serialization, slicing, hashing and so on are the API's. A mutation
 * drops the packed form for good, the vector then being a plain BasicStringVector.
 *
 * <p>One gap the API leaves: a plain BasicStringVector's combine(v) reads v's private String[]
 * directly, so plain.combine(packed) would see no elements (an index error, not wrong values).
 * The stand-in does not call combine on vectors (Vectors.concat joins them itself).
 *
 * <p>Only well-formed text is packed (UTF-8 round-trips it exactly); {@link Builder} falls back
 * to Strings when an element holds a lone surrogate. NULL is the empty string, as in
 * BasicStringVector.
 */
public final class PackedStrings extends BasicStringVector {
    private final byte[] bytes;
    /** Element i is bytes[offsets[i], offsets[i + 1]); offsets has rows + 1 entries. */
    private final int[] offsets;
    private final int n;
    /** False once the vector was changed through the API: then only the superclass's values count. */
    private volatile boolean packed = true;
    /** True once the superclass's String[] holds the elements. */
    private volatile boolean filled;
    /** Set while {@link #fill()} runs addRange, whose checkCapacity call is not a mutation. */
    private boolean filling;

    private PackedStrings(byte[] bytes, int[] offsets, int n) {
        // an empty API vector (values = new String[0]), filled on demand by fill()
        super(DATA_FORM.DF_VECTOR, 0, false);
        this.bytes = bytes;
        this.offsets = offsets;
        this.n = n;
    }

    /** Packs {@code s} (null as ""); a plain BasicStringVector when some element is not well-formed. */
    public static Vector of(String[] s) {
        Builder b = new Builder(s.length, s.length * 8);
        for (String x : s) b.append(x == null ? "" : x).end();
        return b.build();
    }

    /** A vector over the same (never written) arrays: string(x) of a packed x. */
    public PackedStrings copy() {
        return new PackedStrings(bytes, offsets, n);
    }

    /** Whether bytes() and offsets() still hold the elements. */
    public boolean isPacked() {
        return packed;
    }

    /** The UTF-8 bytes of all elements; callers only read them. */
    public byte[] bytes() {
        return bytes;
    }

    /** rows() + 1 offsets into bytes(); callers only read them. */
    public int[] offsets() {
        return offsets;
    }

    /** Element i as a new String, without filling the superclass's array. */
    public String decode(int i) {
        int from = offsets[i];
        int to = offsets[i + 1];
        return from == to ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** All elements in a fresh array (kept by no one here). */
    public String[] decodeAll() {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = decode(i);
        return out;
    }

    /** The length of element i in UTF-16 units, what String.length() gives: a 4-byte UTF-8 sequence is a surrogate pair. */
    public int utf16Length(int i) {
        int len = 0;
        for (int k = offsets[i], end = offsets[i + 1]; k < end; k++) {
            int b = bytes[k] & 0xff;
            if ((b & 0xc0) != 0x80) len += b >= 0xf0 ? 2 : 1;
        }
        return len;
    }

    /** UTF-8 of well-formed text, or null for text holding a lone surrogate. */
    public static byte[] utf8(String s) {
        Builder b = new Builder(1, s.length());
        b.append(s);
        if (b.bytes == null) return null;
        return Arrays.copyOf(b.bytes, b.pos);
    }

    // ---- the packed answers -------------------------------------------------------------------

    @Override
    public int rows() {
        return packed ? n : super.rows();
    }

    @Override
    public boolean isNull(int i) {
        if (!packed) return super.isNull(i);
        return offsets[i] == offsets[i + 1];
    }

    @Override
    public String getString(int i) {
        return packed ? decode(i) : super.getString(i);
    }

    @Override
    public Entity get(int i) {
        return packed ? new BasicString(decode(i), false) : super.get(i);
    }

    // ---- everything else: the API's code over the filled String[] ---------------------------

    /** Fills the superclass's String[] from the bytes, once. */
    private void fill() {
        if (filled) return;
        synchronized (this) {
            if (filled) return;
            filling = true;
            try {
                super.addRange(decodeAll());
            } finally {
                filling = false;
            }
            filled = true;
        }
    }

    /** Before a change through the API: from now on the superclass's values are the vector. */
    private void mutate() {
        fill();
        packed = false;
    }

    @Override
    public String[] getValues() {
        fill();
        return super.getValues();
    }

    @Override
    public String[] getdataArray() {
        fill();
        return super.getdataArray();
    }

    @Override
    public List<byte[]> getdataByteArray() {
        fill();
        return super.getdataByteArray();
    }

    @Override
    public String getString() {
        fill();
        return super.getString();
    }

    @Override
    public String getJsonString(int i) {
        fill();
        return super.getJsonString(i);
    }

    @Override
    public Vector getSubVector(int[] indices) {
        fill();
        return super.getSubVector(indices);
    }

    @Override
    public Vector combine(Vector v) {
        fill();
        return super.combine(v);
    }

    @Override
    public int hashBucket(int i, int buckets) {
        fill();
        return super.hashBucket(i, buckets);
    }

    @Override
    public int asof(Scalar value) {
        fill();
        return super.asof(value);
    }

    @Override
    public void write(ExtendedDataOutput out) throws IOException {
        fill();
        super.write(out);
    }

    @Override
    public void writeCompressed(ExtendedDataOutput out) throws IOException {
        fill();
        super.writeCompressed(out);
    }

    @Override
    protected void writeVectorToOutputStream(ExtendedDataOutput out) throws IOException {
        fill();
        super.writeVectorToOutputStream(out);
    }

    @Override
    public ByteBuffer writeVectorToBuffer(ByteBuffer buffer) throws IOException {
        fill();
        return super.writeVectorToBuffer(buffer);
    }

    @Override
    public void serialize(int start, int count, ExtendedDataOutput out) throws IOException {
        fill();
        super.serialize(start, count, out);
    }

    @Override
    public int serialize(byte[] buf, int bufSize, int start, int elementsRemaining, AbstractVector.Offect offect) {
        fill();
        return super.serialize(buf, bufSize, start, elementsRemaining, offect);
    }

    @Override
    public int serialize(int indexStart, int offect, int targetNumElement, AbstractVector.NumElementAndPartial numElementAndPartial,
                         ByteBuffer out) throws IOException {
        fill();
        return super.serialize(indexStart, offect, targetNumElement, numElementAndPartial, out);
    }

    // mutations

    @Override
    public void set(int i, Entity value) throws Exception {
        mutate();
        super.set(i, value);
    }

    @Override
    public void setString(int i, String value) {
        mutate();
        super.setString(i, value);
    }

    @Override
    public void setNull(int i) {
        mutate();
        super.setNull(i);
    }

    @Override
    public void add(String value) {
        mutate();
        super.add(value);
    }

    @Override
    public void addRange(String[] values) {
        mutate();
        super.addRange(values);
    }

    @Override
    public void Append(Scalar value) {
        mutate();
        super.Append(value);
    }

    @Override
    public void Append(Vector value) {
        mutate();
        super.Append(value);
    }

    @Override
    public void checkCapacity(int capacity) {
        if (!filling) mutate();
        super.checkCapacity(capacity);
    }

    @Override
    public void deserialize(int start, int count, ExtendedDataInput in) throws IOException {
        mutate();
        super.deserialize(start, count, in);
    }

    /**
     * Writes a STRING vector element by element, each from parts (Strings, UTF-8 bytes, other
     * packed vectors' elements) then {@link #end()}. Builds a PackedStrings; should a part hold a
     * lone surrogate (which UTF-8 cannot carry), it goes on with Strings and builds an ordinary
     * BasicStringVector, so the values are always exactly the Strings the parts concatenate to.
     */
    public static final class Builder {
        private final int n;
        private final int[] offsets;
        private byte[] bytes;
        private int pos;
        private int count;
        /** After a fallback: the finished elements and the one being written. */
        private String[] strings;
        private StringBuilder current;

        public Builder(int n, int byteCapacity) {
            this.n = n;
            this.offsets = new int[n + 1];
            this.bytes = new byte[Math.max(16, byteCapacity)];
        }

        public Builder append(String s) {
            if (bytes == null) {
                current.append(s);
                return this;
            }
            int len = s.length();
            if (!reserve((long) len * 3)) {
                fallBack();
                current.append(s);
                return this;
            }
            byte[] b = bytes;
            int p = pos;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xc0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isSurrogate(c)) {
                    char d = i + 1 < len ? s.charAt(i + 1) : 0;
                    if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(d)) {
                        // not UTF-8-able: this element's bytes so far are dropped, s goes in whole
                        pos = p - utf8Length(s, i);
                        fallBack();
                        current.append(s);
                        return this;
                    }
                    int cp = Character.toCodePoint(c, d);
                    i++;
                    b[p++] = (byte) (0xf0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    b[p++] = (byte) (0xe0 | c >> 12);
                    b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | c & 0x3f);
                }
            }
            pos = p;
            return this;
        }

        /** The UTF-8 byte count of s's first {@code chars} chars (all well-formed, as append checked). */
        private static int utf8Length(String s, int chars) {
            int len = 0;
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                len += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
            }
            return len;
        }

        /** Well-formed UTF-8 bytes (ASCII text, or another packed vector's). */
        public Builder append(byte[] src, int from, int length) {
            if (bytes == null) {
                current.append(new String(src, from, length, StandardCharsets.UTF_8));
                return this;
            }
            if (!reserve(length)) {
                fallBack();
                current.append(new String(src, from, length, StandardCharsets.UTF_8));
                return this;
            }
            System.arraycopy(src, from, bytes, pos, length);
            pos += length;
            return this;
        }

        /** Element i of a packed vector. */
        public Builder append(PackedStrings p, int i) {
            int from = p.offsets[i];
            return append(p.bytes, from, p.offsets[i + 1] - from);
        }

        /** Long.toString(v)'s text, written as digits. */
        public Builder append(long v) {
            if (bytes == null || v == Long.MIN_VALUE || !reserve(20)) return append(Long.toString(v));
            if (v < 0) {
                bytes[pos++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long x = v / 10; x != 0; x /= 10) digits++;
            int end = pos + digits;
            for (int at = end - 1; at >= pos; at--) {
                bytes[at] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos = end;
            return this;
        }

        /** Ends the current element. */
        public Builder end() {
            if (bytes == null) {
                strings[count++] = current.toString();
                current.setLength(0);
            } else {
                offsets[++count] = pos;
            }
            return this;
        }

        /** The vector of the n elements written. */
        public Vector build() {
            if (count != n) throw new IllegalStateException(count + " elements written, " + n + " expected");
            if (bytes == null) return Vectors.ownStrings(strings);
            // a 1M-row vector may have reserved much more than it used: keep only what it holds
            byte[] b = bytes.length - pos > 4096 ? Arrays.copyOf(bytes, pos) : bytes;
            return new PackedStrings(b, offsets, n);
        }

        /** Goes on with Strings: the finished elements decoded, the current one's bytes so far in {@link #current}. */
        private void fallBack() {
            strings = new String[n];
            for (int i = 0; i < count; i++) {
                strings[i] = new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
            }
            current = new StringBuilder(new String(bytes, offsets[count], pos - offsets[count], StandardCharsets.UTF_8));
            bytes = null;
        }

        /**
         * Room for {@code more} bytes; false when the text would pass what one byte[] holds, and
         * the caller goes on with Strings (which each have their own limit).
         */
        private boolean reserve(long more) {
            if (pos + more <= bytes.length) return true;
            long max = Integer.MAX_VALUE - 16;
            if (pos + more > max) return false;
            bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max((long) bytes.length * 2, pos + more)));
            return true;
        }
    }
}
