package io.ddbsync.standin.backup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of byte ranges, as hex: what each backed-up partition records and checkBackup verifies. */
final class Checksums {
    private Checksums() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String of(byte[] bytes, int from, int length) {
        MessageDigest d = sha256();
        d.update(bytes, from, length);
        return HexFormat.of().formatHex(d.digest());
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
