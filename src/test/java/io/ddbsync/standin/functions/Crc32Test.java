package io.ddbsync.standin.functions;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The slicing-by-8 CRC equals a byte-at-a-time reference and java.util.zip.CRC32, for any seed and text. */
class Crc32Test {

    /** The classic one-table, byte-at-a-time CRC-32 (the stand-in's former implementation). */
    private static int reference(int crc, byte[] bytes) {
        int c = ~crc;
        for (byte b : bytes) {
            int x = (c ^ b) & 0xff;
            for (int k = 0; k < 8; k++) x = (x & 1) != 0 ? 0xEDB88320 ^ (x >>> 1) : x >>> 1;
            c = x ^ (c >>> 8);
        }
        return ~c;
    }

    @Test
    void equalsReferenceForAsciiAndNonAsciiText() {
        Random r = new Random(3);
        String alphabet = "abcXYZ019:|.-E é€中😀\u0000\u007f\u0080\u00ff";
        for (int i = 0; i < 50_000; i++) {
            int len = r.nextInt(i % 10 == 0 ? 100 : 30);
            StringBuilder sb = new StringBuilder();
            boolean ascii = r.nextBoolean();
            for (int k = 0; k < len; k++) {
                sb.append(ascii ? (char) r.nextInt(0x80) : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int seed = switch (i % 4) {
                case 0 -> 0;
                case 1 -> 0x5bd1e995;
                case 2 -> -1;
                default -> r.nextInt();
            };
            int expected = reference(seed, utf8);
            assertEquals(expected, Crc32.update(seed, s), s);
            assertEquals(expected, Crc32.update(seed, utf8), s);
            assertEquals(expected, Crc32.update(seed, s, new char[r.nextInt(40)]), s);
            // a range of a larger array, as a packed STRING vector's element is hashed
            byte[] framed = new byte[utf8.length + 11];
            r.nextBytes(framed);
            System.arraycopy(utf8, 0, framed, 3, utf8.length);
            assertEquals(expected, Crc32.update(seed, framed, 3, utf8.length), s);
            if (seed == 0) {
                CRC32 zip = new CRC32();
                zip.update(utf8);
                assertEquals((int) zip.getValue(), Crc32.update(0, s), s);
            }
        }
    }

    @Test
    void chainingIsTheCrcOfTheConcatenation() {
        CRC32 zip = new CRC32();
        zip.update("2024.01.01T00:00:00.000|4:MSFT".getBytes(StandardCharsets.UTF_8));
        assertEquals((int) zip.getValue(), Crc32.update(Crc32.update(0, "2024.01.01T00:00:00.000|"), "4:MSFT"));
        assertEquals(0, Crc32.update(0, ""));
        assertEquals(12345, Crc32.update(12345, ""));
    }
}
