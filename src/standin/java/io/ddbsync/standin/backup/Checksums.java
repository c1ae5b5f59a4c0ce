package io.ddbsync.standin.backup;

import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * CRC-32 of byte ranges, as 8 hex digits: what each backed-up partition records about its files
 * and checkBackup verifies. The manual does not say which checksum DolphinDB's backup files carry;
 * a CRC is what storage engines put on their files to find accidental damage (a flipped or cut
 * file), which is what checkBackup looks for. It is also an intrinsic of every JIT level, where
 * SHA-256 is not under C1, which stand-in JVMs run with ({@code StandInProcess}): SHA-256 was half
 * of a cold backup's CPU. Proving a copy equals its source is the sync's job (its SHA-256 manifest),
 * not this record's.
 */
final class Checksums {
    private Checksums() {
    }

    static String of(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
