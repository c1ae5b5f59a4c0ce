package io.ddbsync.standin.functions;

/** CRC-32 (IEEE, as zlib computes it) continuing from a previous checksum, as DolphinDB's crc32(str, cksum) takes one. */
final class Crc32 {
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            TABLE[n] = c;
        }
    }

    private Crc32() {
    }

    /** The CRC of a string's UTF-8 bytes; ASCII text is read char by char, without encoding it first. */
    static int update(int crc, String s) {
        int n = s.length();
        int c = ~crc;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) return update(crc, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c = TABLE[(c ^ ch) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    static int update(int crc, byte[] bytes) {
        int c = ~crc;
        for (byte b : bytes) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
        return ~c;
    }
}
