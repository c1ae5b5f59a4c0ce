package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.io.LittleEndianDataOutputStream;
import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.script.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A packed STRING vector answers as the BasicStringVector of the same Strings does, and the
 * functions reading it packed (crc32, strlen, +) give what they give for ordinary Strings.
 */
class PackedStringsTest {
    private static final String ALPHABET = "abcXYZ019:|.-E é€中😀\u0000\u007f\u0080\u00ff\u07ff\u0800\uffff";

    /** Random texts: empty, NULL, ASCII and not, lengths around the CRC's eight-byte steps. */
    private static String[] texts(Random r, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            if (kind == 0) {
                out[i] = "";
                continue;
            }
            if (kind == 1) {
                out[i] = null;
                continue;
            }
            int len = r.nextInt(kind == 2 ? 70 : 20);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append(kind < 6 ? (char) (32 + r.nextInt(95)) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            // the alphabet's surrogate pair may be cut by charAt: keep only well-formed text here
            out[i] = sb.toString().replaceAll("[\\uD800-\\uDFFF]", "s") + (kind == 9 ? "😀" : "");
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static byte[] written(Vector v) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        v.write(new LittleEndianDataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void answersAsTheBasicStringVectorOfTheSameStrings() throws Exception {
        Random r = new Random(5);
        for (int n : new int[]{0, 1, 2, 7, 1000}) {
            for (int round = 0; round < 20; round++) {
                String[] s = texts(r, n);
                Vector v = PackedStrings.of(s.clone());
                PackedStrings p = assertInstanceOf(PackedStrings.class, v);
                BasicStringVector plain = new BasicStringVector(s);
                assertEquals(n, p.rows());
                assertEquals(Entity.DATA_TYPE.DT_STRING, p.getDataType());
                assertEquals(Entity.DATA_FORM.DF_VECTOR, p.getDataForm());
                for (int i = 0; i < n; i++) {
                    assertEquals(plain.getString(i), p.getString(i));
                    assertEquals(plain.isNull(i), p.isNull(i));
                    assertEquals(plain.get(i).getString(), p.get(i).getString());
                    assertEquals(orEmpty(s[i]).length(), p.utf16Length(i), s[i]);
                }
                assertArrayEquals(Vectors.strings(plain), Vectors.strings(p));
                assertTrue(p.isPacked(), "reading does not unpack it");
                // the API's own code over the filled String[]
                assertArrayEquals(written(plain), written(p));
                assertEquals(plain.getString(), p.getString());
                for (int i = 0; i < n; i++) assertEquals(plain.hashBucket(i, 7), p.hashBucket(i, 7));
                int[] idx = new int[Math.min(n, 3)];
                for (int i = 0; i < idx.length; i++) idx[i] = n - 1 - i;
                assertArrayEquals(Vectors.strings(plain.getSubVector(idx)), Vectors.strings(p.getSubVector(idx)));
                assertEquals(n, p.getValues().length);
                assertEquals(n, p.rows());
                assertTrue(p.isPacked());
            }
        }
    }

    @Test
    void aChangeThroughTheApiUnpacksIt() throws Exception {
        PackedStrings p = (PackedStrings) PackedStrings.of(new String[]{"a", "é", ""});
        p.setString(1, "changed");
        assertFalse(p.isPacked());
        assertEquals("changed", p.getString(1));
        assertArrayEquals(new String[]{"a", "changed", ""}, Vectors.strings(p));
        p.add("more");
        assertEquals(4, p.rows());
        assertEquals("more", p.getString(3));
        p.setNull(0);
        assertTrue(p.isNull(0));
        assertArrayEquals(written(new BasicStringVector(new String[]{"", "changed", "", "more"})), written(p));
    }

    @Test
    void textWithALoneSurrogateIsKeptAsStrings() {
        String[] s = {"ok", "a\uD800b", "\uDC00", "x😀\uD83D", ""};
        Vector v = PackedStrings.of(s.clone());
        assertFalse(v instanceof PackedStrings);
        assertArrayEquals(s, Vectors.strings(v));
        // a lone surrogate in a later part of an element: the element's earlier parts stay
        PackedStrings.Builder b = new PackedStrings.Builder(3, 4);
        b.append("é").end();
        b.append(12).append("\uD800").append(new byte[]{'z'}, 0, 1).end();
        b.append("last").end();
        assertArrayEquals(new String[]{"é", "12\uD800z", "last"}, Vectors.strings(b.build()));
        assertNull(PackedStrings.utf8("\uDFFF"));
        assertArrayEquals("é😀".getBytes(java.nio.charset.StandardCharsets.UTF_8), PackedStrings.utf8("é😀"));
    }

    @Test
    void builderWritesLongsAsLongToString() {
        long[] values = {0, 1, -1, 9, 10, -10, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE};
        PackedStrings.Builder b = new PackedStrings.Builder(values.length, 1);
        for (long v : values) b.append(v).end();
        Vector out = b.build();
        for (int i = 0; i < values.length; i++) assertEquals(Long.toString(values[i]), out.getString(i));
    }

    /** The script functions on packed vectors against the same functions on ordinary BasicStringVectors. */
    @Test
    void functionsOnPackedVectorsEqualTheStringPaths(@TempDir Path data) throws Exception {
        StandInNode node = new StandInNode(data, "admin", "123456", Map.of());
        Session session = new Session(1, node);
        Random r = new Random(9);
        for (int n : new int[]{0, 1, 2, 9, 3000}) {
            String[] a = texts(r, n);
            String[] b = texts(r, n);
            int[] seeds = new int[n];
            for (int i = 0; i < n; i++) seeds[i] = r.nextInt();
            session.setVariable("pa", PackedStrings.of(a.clone()));
            session.setVariable("pb", PackedStrings.of(b.clone()));
            session.setVariable("sa", new BasicStringVector(a));
            session.setVariable("sb", new BasicStringVector(b));
            session.setVariable("seeds", new BasicIntVector(seeds));
            assertInstanceOf(PackedStrings.class, session.interpreter().run("pa"));
            String[][] same = {
                    {"crc32(pa, seeds)", "crc32(sa, seeds)"},
                    {"crc32(pa, 12345)", "crc32(sa, 12345)"},
                    {"crc32(pa)", "crc32(sa)"},
                    {"strlen(pa)", "strlen(sa)"},
                    {"string(strlen(pa)) + \":\" + pa", "string(strlen(sa)) + \":\" + sa"},
                    {"crc32(pa + \"|é\", seeds)", "crc32(sa + \"|é\", seeds)"},
                    {"crc32(\"中\" + pa, seeds)", "crc32(\"中\" + sa, seeds)"},
                    {"crc32(pa + pb, seeds)", "crc32(sa + sb, seeds)"},
                    {"crc32(pa + sb, seeds)", "crc32(sa + pb, seeds)"},
                    {"strlen(pa + pb)", "strlen(sa + sb)"},
                    {"pa == sa", "sa == sa"},
                    {"string(pa)", "sa"},
            };
            for (String[] pair : same) {
                Entity packed = session.interpreter().run(pair[0]);
                Entity plain = session.interpreter().run(pair[1]);
                assertEquals(plain.getDataType(), packed.getDataType(), pair[0]);
                assertEquals(plain.rows(), packed.rows(), pair[0]);
                for (int i = 0; i < plain.rows(); i++) {
                    assertEquals(((Vector) plain).getString(i), ((Vector) packed).getString(i), pair[0] + " row " + i);
                }
            }
            // + of any two operands is the concatenation of their Strings
            Vector sum = (Vector) session.interpreter().run("pa + sb");
            Vector rsum = (Vector) session.interpreter().run("\"€\" + pb");
            for (int i = 0; i < n; i++) {
                assertEquals(orEmpty(a[i]) + orEmpty(b[i]), sum.getString(i));
                assertEquals("€" + orEmpty(b[i]), rsum.getString(i));
            }
            if (n > 0) assertInstanceOf(PackedStrings.class, sum);
        }
    }

    @Test
    void stringOfOtherTypesEqualsTheirText(@TempDir Path data) throws Exception {
        StandInNode node = new StandInNode(data, "admin", "123456", Map.of());
        Session session = new Session(1, node);
        Random r = new Random(13);
        for (int n : new int[]{0, 1, 500}) {
            long[] ts = new long[n];
            int[] ints = new int[n];
            int[] dates = new int[n];
            List<String> syms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts[i] = i % 7 == 0 ? Long.MIN_VALUE : (long) (r.nextDouble() * 4e12) - 1_000_000_000_000L;
                ints[i] = i % 5 == 0 ? Integer.MIN_VALUE : r.nextInt();
                dates[i] = i % 6 == 0 ? Integer.MIN_VALUE : r.nextInt(100_000) - 30_000;
                syms.add(i % 4 == 0 ? "" : "s" + (i % 9) + (i % 2 == 0 ? "é" : ""));
            }
            Vector[] inputs = {new BasicTimestampVector(ts), new BasicIntVector(ints), new BasicDateVector(dates),
                    new BasicSymbolVector(syms), new BasicBooleanVector(new byte[n])};
            for (Vector in : inputs) {
                session.setVariable("v", in);
                Vector out = (Vector) session.interpreter().run("string(v)");
                assertEquals(Entity.DATA_TYPE.DT_STRING, out.getDataType());
                assertEquals(n, out.rows());
                for (int i = 0; i < n; i++) {
                    assertEquals(in.isNull(i) ? "" : in.getString(i), out.getString(i), in.getDataType() + " row " + i);
                }
            }
        }
    }
}
