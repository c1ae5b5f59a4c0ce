package io.ddbsync.sync.online;

import java.util.HexFormat;

/**
 * A partition checksum of the usual form, 32 lowercase hex digits (two 64-bit sums,
 * {@code PartitionChecksum.combine}), kept as its two longs: 16 bytes instead of a 72-byte text, and
 * spelled again exactly as it came ({@code %016x%016x}). Any other form is kept as its text.
 */
public final class ChecksumHalves {
    private static final int DIGITS = 32;

    private ChecksumHalves() {
    }

    /** Whether the text is 32 lowercase hex digits, which {@link #text} spells back exactly. */
    public static boolean isHex(String checksum) {
        if (checksum.length() != DIGITS) return false;
        for (int i = 0; i < DIGITS; i++) {
            char c = checksum.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    public static long high(String hex) {
        return Long.parseUnsignedLong(hex, 0, DIGITS / 2, 16);
    }

    public static long low(String hex) {
        return Long.parseUnsignedLong(hex, DIGITS / 2, DIGITS, 16);
    }

    /** {@code %016x%016x}, without a Formatter (one a partition was a few per cent of a run's CPU). */
    public static String text(long high, long low) {
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    private static final HexFormat HEX = HexFormat.of();
}
