package io.ddbsync.standin.functions;

import java.nio.charset.StandardCharsets;

/**
 * CRC-32 (IEEE, as zlib computes it) continuing from a previous checksum, as DolphinDB's
 * crc32(str, cksum) takes one.
 *
 * <p>Slicing-by-8: eight tables let the loop take eight bytes per step instead of one (the
 * checksum script spends much of its time here). java.util.zip.CRC32 cannot start from a given
 * checksum, so it does not fit crc32(str, cksum).
 */
final class Crc32 {
    /** T[k][b]: the CRC register after byte b followed by k zero bytes; T[0] is the classic table. */
    private static final int[][] T = new int[8][256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            T[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            int c = T[0][n];
            for (int k = 1; k < 8; k++) {
                c = T[0][c & 0xff] ^ (c >>> 8);
                T[k][n] = c;
            }
        }
    }

    private static final int[] T0 = T[0], T1 = T[1], T2 = T[2], T3 = T[3], T4 = T[4], T5 = T[5], T6 = T[6], T7 = T[7];

    private Crc32() {
    }

    /**
     * The CRC of a string's UTF-8 bytes. ASCII text (its chars are its UTF-8 bytes) is read without
     * encoding it; text with other characters is encoded to UTF-8.
     */
    static int update(int crc, String s) {
        return update(crc, s, new char[s.length()]);
    }

    /**
     * As {@link #update(int, String)}, with {@code scratch} (reused by a caller hashing many strings)
     * to copy the chars into when it is long enough: a char[] loop is cheaper than charAt per char.
     */
    static int update(int crc, String s, char[] scratch) {
        int n = s.length();
        char[] a = scratch.length >= n ? scratch : new char[n];
        s.getChars(0, n, a, 0);
        int c = ~crc;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int c0 = a[i], c1 = a[i + 1], c2 = a[i + 2], c3 = a[i + 3];
            int c4 = a[i + 4], c5 = a[i + 5], c6 = a[i + 6], c7 = a[i + 7];
            if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 0x80) return update(crc, s.getBytes(StandardCharsets.UTF_8));
            int lo = c ^ (c0 | c1 << 8 | c2 << 16 | c3 << 24);
            int hi = c4 | c5 << 8 | c6 << 16 | c7 << 24;
            c = step8(lo, hi);
        }
        for (; i < n; i++) {
            char ch = a[i];
            if (ch >= 0x80) return update(crc, s.getBytes(StandardCharsets.UTF_8));
            c = T0[(c ^ ch) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    static int update(int crc, byte[] bytes) {
        return update(crc, bytes, 0, bytes.length);
    }

    /** The CRC of bytes[from, from + length), continuing from crc. */
    static int update(int crc, byte[] bytes, int from, int length) {
        int c = ~crc;
        int n = from + length;
        int i = from;
        for (; i + 8 <= n; i += 8) {
            int lo = c ^ (bytes[i] & 0xff | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24);
            int hi = bytes[i + 4] & 0xff | (bytes[i + 5] & 0xff) << 8 | (bytes[i + 6] & 0xff) << 16 | (bytes[i + 7] & 0xff) << 24;
            c = step8(lo, hi);
        }
        for (; i < n; i++) c = T0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
        return ~c;
    }

    /** Eight bytes at once: {@code lo} is the register xor the first four (little-endian), {@code hi} the next four. */
    private static int step8(int lo, int hi) {
        return T7[lo & 0xff] ^ T6[(lo >>> 8) & 0xff] ^ T5[(lo >>> 16) & 0xff] ^ T4[lo >>> 24]
                ^ T3[hi & 0xff] ^ T2[(hi >>> 8) & 0xff] ^ T1[(hi >>> 16) & 0xff] ^ T0[hi >>> 24];
    }
}
