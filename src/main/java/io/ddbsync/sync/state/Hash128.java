package io.ddbsync.sync.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first 128 bits of a text's SHA-256 (its UTF-8 bytes), as two longs: what the ledger keeps of
 * a key ({@link KeyHashSet}) and a partition's record of the target's version it verified at. Two
 * different texts share them with a chance of 2^-128 (SHA-256 spreads texts as a random function
 * would): equal hashes stand for equal texts.
 */
public final class Hash128 {
    private Hash128() {
    }

    /**
     * One digest per thread, reused (digest() resets it): looking SHA-256 up among the security
     * providers for every key was most of the cost of hashing one, three times a partition in the
     * online sync (the ledger's contains and add, the record's version; JFR, ManyPartitionsBenchmark).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Hash128::sha256);

    /** {high, low}. */
    public static long[] of(String text) {
        byte[] d = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (d[i] & 0xff);
            low = low << 8 | (d[8 + i] & 0xff);
        }
        return new long[]{high, low};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
