package io.ddbsync.sync.online;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress lines' numbers read as String.format writes them. */
class LineNumbersTest {

    @Test
    void groupsThousandsAsFormatDoes() {
        long[] values = {0, 7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, -123_456_789, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) assertEquals(String.format(Locale.ROOT, "%,d", v), LineNumbers.grouped(v), "value " + v);
        Random random = new Random(18);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", v), LineNumbers.grouped(v), "value " + v);
        }
    }

    @Test
    void writesDecimalsAsFormatDoes() {
        double[] values = {0, 0.04, 0.05001, 0.96, 1.0, 12.3456, 999.96, 1e6 / 3, 42.0e9, -0.04, -2.5001, 1e300, Double.NaN};
        for (double v : values) {
            for (int d : new int[]{0, 1, 2}) {
                assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), LineNumbers.decimals(v, d), "value " + v + ", " + d + " decimals");
            }
        }
        // what the lines show: MB (bytes / 1e6), seconds (millis / 1000.0), MB/s; values a tie away from both roundings
        Random random = new Random(18);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextInt(50_000_000) / 1e6 + 1e-9;
            assertEquals(String.format(Locale.ROOT, "%.1f", v), LineNumbers.decimals(v, 1), "value " + v);
            assertEquals(String.format(Locale.ROOT, "%.2f", v), LineNumbers.decimals(v, 2), "value " + v);
        }
    }
}
