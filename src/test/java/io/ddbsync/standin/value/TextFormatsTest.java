package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.script.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The stand-in's fast text of temporal values and scientific formats equals the slow reference texts. */
class TextFormatsTest {

    @Test
    void temporalTextEqualsTheApiText() {
        Random r = new Random(7);
        DATA_TYPE[] types = {DATA_TYPE.DT_DATE, DATA_TYPE.DT_MONTH, DATA_TYPE.DT_TIME, DATA_TYPE.DT_MINUTE, DATA_TYPE.DT_SECOND,
                DATA_TYPE.DT_DATETIME, DATA_TYPE.DT_TIMESTAMP, DATA_TYPE.DT_NANOTIME, DATA_TYPE.DT_NANOTIMESTAMP, DATA_TYPE.DT_DATEHOUR};
        for (DATA_TYPE t : types) {
            for (int i = 0; i < 20_000; i++) {
                long raw = switch (t) {
                    case DT_DATE -> r.nextInt(200_000) - 60_000;
                    case DT_MONTH -> 1900 * 12 + r.nextInt(300 * 12);
                    case DT_TIME -> r.nextInt(86_400_000);
                    case DT_MINUTE -> r.nextInt(1440);
                    case DT_SECOND -> r.nextInt(86_400);
                    case DT_DATETIME -> r.nextInt();
                    case DT_TIMESTAMP -> (long) (r.nextDouble() * 4e12) - 1_000_000_000_000L;
                    case DT_NANOTIME -> (long) (r.nextDouble() * 86_400e9);
                    case DT_NANOTIMESTAMP -> (long) (r.nextDouble() * 4e18) - (long) 1e18;
                    default -> r.nextInt(2_000_000);
                };
                assertEquals(Scalars.temporal(t, raw).getString(), TemporalText.format(t, raw), t + " " + raw);
            }
        }
    }

    /** A column's texts, where a value equal to the one before reuses its text: runs, NULLs between them, and a value after a NULL. */
    @Test
    void aTemporalColumnsTextsAreEachValuesText() {
        long d1 = 10_957;
        long d2 = 10_958;
        long[] raw = {d1, d1, Long.MIN_VALUE, d1, d2, d2, Long.MIN_VALUE, Long.MIN_VALUE, d2, d1};
        PackedStrings.Builder out = new PackedStrings.Builder(raw.length, 16);
        TemporalText.appendAll(DATA_TYPE.DT_DATE, raw, out);
        String[] texts = Vectors.strings(out.build());
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] == Long.MIN_VALUE ? "" : TemporalText.format(DATA_TYPE.DT_DATE, raw[i]), texts[i], "element " + i);
        }
        assertEquals("2000.01.01", texts[0]);
        assertEquals("2000.01.02", texts[8]);
    }

    @Test
    void temporalTextEqualsTheFormerWriterForAnyRawValue() {
        Random r = new Random(19);
        DATA_TYPE[] types = {DATA_TYPE.DT_DATE, DATA_TYPE.DT_MONTH, DATA_TYPE.DT_TIME, DATA_TYPE.DT_MINUTE, DATA_TYPE.DT_SECOND,
                DATA_TYPE.DT_DATETIME, DATA_TYPE.DT_TIMESTAMP, DATA_TYPE.DT_NANOTIME, DATA_TYPE.DT_NANOTIMESTAMP, DATA_TYPE.DT_DATEHOUR};
        long[] edges = {0, 1, -1, 59, 60, -60, 86_399_999, 86_400_000, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
                Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE / 1000, Long.MIN_VALUE / 1000, -719_468, -719_469, 2_932_896, 2_932_897};
        for (DATA_TYPE t : types) {
            for (long raw : edges) assertEquals(TemporalTextReference.format(t, raw), TemporalText.format(t, raw), t + " " + raw);
            for (int i = 0; i < 20_000; i++) {
                long raw = switch (i % 3) {
                    case 0 -> r.nextLong();
                    case 1 -> r.nextInt();
                    default -> r.nextInt(200_000) - 100_000;
                };
                assertEquals(TemporalTextReference.format(t, raw), TemporalText.format(t, raw), t + " " + raw);
            }
        }
    }

    @Test
    void scientificFormatEqualsDecimalFormat(@TempDir Path data) throws Exception {
        StandInNode node = new StandInNode(data, "admin", "123456", Map.of());
        Session s = new Session(1, node);
        Random r = new Random(11);
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> r.nextDouble() * 1000;
                case 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> Math.round(r.nextDouble() * 1e6) / 100.0;
                case 3 -> -r.nextGaussian() * 1e-300;
                default -> (double) r.nextInt();
            };
            if (Double.isNaN(values[i])) values[i] = 1.5;
        }
        values[0] = 0.1;
        values[1] = 0.0;
        values[2] = 100.605;
        assertFormatsLikeDecimalFormat(s, values, "0.0000000000000000E0");
    }

    @Test
    void scientificFormatEqualsDecimalFormatAtTheEdgesAndForRepeatedValues(@TempDir Path data) throws Exception {
        StandInNode node = new StandInNode(data, "admin", "123456", Map.of());
        Session s = new Session(1, node);
        java.util.List<Double> list = new java.util.ArrayList<>(java.util.List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.1, 0.3, 2.0 / 3, 1e23, 9.999999999999999e22,
                1e22, 1e-5, 1e-3, 1e7, 1e21, 123456789012345678.0, 9007199254740993.0, 5e-324, 4.9e-324, 1.7976931348623157e308,
                2.2250738585072014e-308, 0.30000000000000004, 99999999999999999.0, 9.99999999999999999e22, 100.605, -100.605));
        Random r = new Random(23);
        for (int i = 0; i < 20_000; i++) {
            double base = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong() & 0x000FFFFFFFFFFFFFL); // subnormal
                case 1 -> Math.scalb(1.0, r.nextInt(2098) - 1074); // powers of two, the uneven-gap boundary
                case 2 -> Math.nextUp(Math.pow(10, r.nextInt(600) - 300)); // next to powers of ten
                default -> Math.nextDown(Math.pow(10, r.nextInt(600) - 300));
            };
            list.add(r.nextBoolean() ? base : -base);
        }
        // many repeats of few values, interleaved, so the memo of a call both hits and has its slots taken over
        for (int i = 0; i < 30_000; i++) list.add(100 + (i * 7919 % 6000) * 0.01 * (i % 3 == 0 ? -1 : 1));
        double[] values = list.stream().mapToDouble(Double::doubleValue).toArray();
        assertFormatsLikeDecimalFormat(s, values, "0.0000000000000000E0");
        // fewer fraction digits: DecimalFormat rounds where the shortest digits do not fit
        assertFormatsLikeDecimalFormat(s, values, "0.000000E0");
    }

    @Test
    void stringConcatenationAndStrlenOfVectors(@TempDir Path data) throws Exception {
        StandInNode node = new StandInNode(data, "admin", "123456", Map.of());
        Session s = new Session(1, node);
        s.setVariable("a", new BasicStringVector(new String[]{"ab", "", null, "é€中😀", "x"}));
        s.setVariable("b", new BasicStringVector(new String[]{"1", "2", "3", "", null}));
        assertArrayEquals(new String[]{"ab|", "|", "|", "é€中😀|", "x|"}, ((BasicStringVector) s.interpreter().run("a + \"|\"")).getValues());
        assertArrayEquals(new String[]{":ab", ":", ":", ":é€中😀", ":x"}, ((BasicStringVector) s.interpreter().run("\":\" + a")).getValues());
        assertArrayEquals(new String[]{"ab1", "2", "3", "é€中😀", "x"}, ((BasicStringVector) s.interpreter().run("a + b")).getValues());
        assertEquals("ab", s.interpreter().run("\"a\" + \"b\"").getString());
        BasicIntVector len = (BasicIntVector) s.interpreter().run("strlen(a)");
        String[] a = {"ab", "", "", "é€中😀", "x"};
        for (int i = 0; i < a.length; i++) assertEquals(a[i].length(), len.getInt(i));
        assertEquals(3, ((BasicInt) s.interpreter().run("strlen(\"abc\")")).getInt());
        assertArrayEquals(new String[]{"2:ab", "0:", "0:", "5:é€中😀", "1:x"},
                ((BasicStringVector) s.interpreter().run("string(strlen(a)) + \":\" + a")).getValues());
    }

    /** format(v, pattern) of every value but DOUBLE's NULL prints as Java's DecimalFormat does with that pattern. */
    private static void assertFormatsLikeDecimalFormat(Session s, double[] values, String pattern) throws Exception {
        s.setVariable("v", new BasicDoubleVector(values));
        BasicStringVector out = (BasicStringVector) s.interpreter().run("format(v, \"" + pattern + "\")");
        DecimalFormat reference = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (int i = 0; i < values.length; i++) {
            if (values[i] == -Double.MAX_VALUE) continue;
            assertEquals(reference.format(values[i]), out.getString(i), "value " + values[i] + ", pattern " + pattern);
        }
    }
}
