package io.ddbsync.sync.online;

import com.xxdb.data.BasicArrayVector;
import com.xxdb.data.BasicBooleanVector;
import com.xxdb.data.BasicByteVector;
import com.xxdb.data.BasicDateVector;
import com.xxdb.data.BasicDecimal64Vector;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicFloatVector;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicShortVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicTimestampVector;
import com.xxdb.data.BasicUuidVector;
import com.xxdb.data.Vector;
import com.xxdb.io.Long2;
import io.ddbsync.camel.wire.WireTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** The read-back digest: blind to row order and blocks, sensitive to every value of every type, to NULLs and to values that move. */
class RowDigestTest {
    /** One column: its name, how its vector is made from the values, and four rows of values. */
    private record Column(String name, Function<Object[], Vector> vector, Object[] values) {}

    private static List<Column> columns() {
        return List.of(
                new Column("flag", v -> new BasicBooleanVector(bytes(v)), new Object[]{(byte) 1, (byte) 0, (byte) 1, Byte.MIN_VALUE}),
                new Column("ch", v -> new BasicByteVector(bytes(v)), new Object[]{(byte) 'a', (byte) 'b', (byte) 0, Byte.MIN_VALUE}),
                new Column("sh", v -> new BasicShortVector(shorts(v)), new Object[]{(short) 1, (short) -2, (short) 3, Short.MIN_VALUE}),
                new Column("qty", v -> new BasicIntVector(ints(v)), new Object[]{10, 20, 30, Integer.MIN_VALUE}),
                new Column("lots", v -> new BasicIntVector(ints(v)), new Object[]{7, 8, 9, 10}),
                new Column("id", v -> new BasicLongVector(longs(v)), new Object[]{1L, 2L, 3L, Long.MIN_VALUE}),
                new Column("day", v -> new BasicDateVector(ints(v)), new Object[]{19723, 19724, 19725, Integer.MIN_VALUE}),
                new Column("ts", v -> new BasicTimestampVector(longs(v)), new Object[]{1704101400000L, 1704101401000L, 1704101402000L, Long.MIN_VALUE}),
                new Column("f", v -> new BasicFloatVector(floats(v)), new Object[]{1.5f, -0.25f, 3f, -Float.MAX_VALUE}),
                new Column("price", v -> new BasicDoubleVector(doubles(v)), new Object[]{100.01, 100.02, 1.0 / 3, -Double.MAX_VALUE}),
                new Column("sym", v -> new BasicSymbolVector(strings(v)), new Object[]{"IBM", "MSFT", "AAPL", ""}),
                new Column("note", v -> new BasicStringVector(strings(v).toArray(new String[0])), new Object[]{"n1", "n2", "δ", ""}),
                new Column("uid", v -> new BasicUuidVector(Arrays.stream(v).map(x -> (Long2) x).toArray(Long2[]::new)),
                        new Object[]{new Long2(1, 2), new Long2(3, 4), new Long2(5, 6), new Long2(0, 0)}),
                new Column("amount", v -> new BasicDecimal64Vector(Arrays.stream(v).map(x -> (String) x).toArray(String[]::new), 2),
                        new Object[]{"1.25", "2.50", "-3.75", "4.00"}));
    }

    /** The rows at these indexes of the given columns, as one block. */
    private static BasicTable block(List<Column> cols, int... rows) {
        List<String> names = new ArrayList<>();
        List<Vector> vectors = new ArrayList<>();
        for (Column c : cols) {
            Object[] picked = Arrays.stream(rows).mapToObj(r -> c.values()[r]).toArray();
            names.add(c.name());
            vectors.add(c.vector().apply(picked));
        }
        return new BasicTable(names, vectors);
    }

    private static RowDigest digest(BasicTable... blocks) {
        RowDigest d = new RowDigest();
        for (BasicTable b : blocks) d.add(b);
        return d;
    }

    @Test
    void theSameRowsInAnyOrderAndAnySplitIntoBlocksGiveTheSameDigest() {
        List<Column> cols = columns();
        RowDigest inOrder = digest(block(cols, 0, 1, 2, 3));
        RowDigest shuffled = digest(block(cols, 3, 1), block(cols), block(cols, 2, 0));
        assertTrue(inOrder.matches(shuffled));
        assertEquals(inOrder.hex(), shuffled.hex());
        assertEquals(4, shuffled.rows());
        assertEquals(32, inOrder.hex().length(), inOrder.hex());
        assertEquals("0", new RowDigest().hex(), "no rows");
    }

    @Test
    void oneValueChangedInAnyColumnChangesTheDigest() {
        RowDigest original = digest(block(columns(), 0, 1, 2, 3));
        // the smallest changes: the last bit of a double or float, one character, one unit, a NULL for a value
        Object[][] changedRow1 = {
                {"flag", (byte) 1}, {"ch", (byte) 'c'}, {"sh", (short) -3}, {"qty", 21}, {"lots", Integer.MIN_VALUE}, {"id", 4L},
                {"day", 19725}, {"ts", 1704101401001L}, {"f", Math.nextUp(-0.25f)}, {"price", Math.nextUp(100.02)},
                {"sym", "MSFT "}, {"note", ""}, {"uid", new Long2(3, 5)}, {"amount", "2.51"}};
        for (Object[] change : changedRow1) {
            List<Column> cols = new ArrayList<>();
            for (Column c : columns()) {
                Object[] values = c.values().clone();
                if (c.name().equals(change[0])) values[1] = change[1];
                cols.add(new Column(c.name(), c.vector(), values));
            }
            assertFalse(original.matches(digest(block(cols, 0, 1, 2, 3))), "a change in column " + change[0] + " went unseen");
        }
    }

    @Test
    void aValueMovedToAnotherRowOrColumnChangesTheDigest() {
        RowDigest original = digest(block(columns(), 0, 1, 2, 3));
        assertFalse(original.matches(digest(block(swap(columns(), "price", 0, "price", 1), 0, 1, 2, 3))), "prices swapped between rows");
        assertFalse(original.matches(digest(block(swap(columns(), "qty", 0, "lots", 0), 0, 1, 2, 3))), "values swapped between columns");
    }

    @Test
    void aRowDuplicatedInPlaceOfAnotherChangesTheDigestThoughTheCountIsTheSame() {
        RowDigest original = digest(block(columns(), 0, 1, 2, 3));
        RowDigest duplicated = digest(block(columns(), 0, 0, 2, 3));
        assertEquals(original.rows(), duplicated.rows());
        assertFalse(original.matches(duplicated));
        assertFalse(original.matches(digest(block(columns(), 0, 1, 2))), "a row missing");
    }

    @Test
    void blobsAreComparedByTheirBytes() {
        // two different byte strings that are both invalid UTF-8: as text they would both read as replacement characters
        byte[][] one = {{(byte) 0xff, 1}, {2}};
        byte[][] other = {{(byte) 0xfe, 1}, {2}};
        RowDigest a = digest(new BasicTable(List.of("b"), List.of(new BasicStringVector(one))));
        RowDigest b = digest(new BasicTable(List.of("b"), List.of(new BasicStringVector(other))));
        assertEquals(new String(one[0], java.nio.charset.StandardCharsets.UTF_8), new String(other[0], java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(a.matches(b));
        assertTrue(a.matches(digest(new BasicTable(List.of("b"), List.of(new BasicStringVector(new byte[][]{{2}, {(byte) 0xff, 1}}))))));
    }

    /** An array vector column (a DOUBLE array per row) of the given rows. */
    private static BasicTable arrays(double[]... rows) throws Exception {
        List<Vector> perRow = new ArrayList<>();
        for (double[] r : rows) perRow.add(new BasicDoubleVector(r));
        return new BasicTable(List.of("bids"), List.of(new BasicArrayVector(perRow)));
    }

    @Test
    void arrayVectorsAreComparedElementByElementToTheBit() throws Exception {
        double[] first = {100.01, 100.02, 1.0 / 3};
        double[] second = {99.5, 99.25};
        RowDigest original = digest(arrays(first, second));
        assertTrue(original.matches(digest(arrays(second), arrays(first))), "rows in another order and block");

        // the last bit of one element: the API's text of the array does not show it, the digest does
        double[] lastBit = first.clone();
        lastBit[2] = Math.nextUp(lastBit[2]);
        assertEquals(arrays(first, second).getColumn(0).getString(0), arrays(lastBit, second).getColumn(0).getString(0),
                "the text of both arrays is the same");
        assertFalse(original.matches(digest(arrays(lastBit, second))), "the last bit of an element");
        assertFalse(original.matches(digest(arrays(new double[]{100.02, 100.01, 1.0 / 3}, second))), "two elements swapped");
        assertFalse(original.matches(digest(arrays(new double[]{100.01, 100.02}, new double[]{1.0 / 3, 99.5, 99.25}))),
                "an element moved to the next row's array");
        assertFalse(original.matches(digest(arrays(first, new double[]{99.5, 99.25, -Double.MAX_VALUE}))), "a NULL element added");
    }

    /** The block as the server sends it, kept in wire form. */
    private static WireTable wire(BasicTable block) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        com.xxdb.io.LittleEndianDataOutputStream data = new com.xxdb.io.LittleEndianDataOutputStream(out);
        block.write(data);
        data.flush();
        return WireTable.read(new java.io.ByteArrayInputStream(out.toByteArray()));
    }

    private static RowDigest wireDigest(BasicTable... blocks) throws Exception {
        RowDigest d = new RowDigest();
        for (BasicTable b : blocks) d.add(wire(b));
        return d;
    }

    @Test
    void aBlockInWireFormDigestsAsItsDecodedFormTypeByType() throws Exception {
        // every type the wire form carries, NULLs, a NaN that is not Java's canonical one, text beyond ASCII, two symbol columns on one base
        BasicTable all = io.ddbsync.camel.WireTableTestSupport.everyCarriedType();
        assertTrue(digest(all).matches(wireDigest(all)), digest(all).hex() + " vs " + wireDigest(all).hex());
        for (int c = 0; c < all.columns(); c++) {
            BasicTable one = new BasicTable(List.of(all.getColumnName(c)), List.of(all.getColumn(c)));
            assertEquals(digest(one).hex(), wireDigest(one).hex(), "column " + all.getColumnName(c) + " of type " + all.getColumn(c).getDataType());
        }
        // the carried columns of this class's table, with each of the smallest changes: same digest in both forms, and different from the original
        List<Column> carried = columns().stream().filter(c -> !c.name().equals("uid") && !c.name().equals("amount")).toList();
        RowDigest original = wireDigest(block(carried, 0, 1, 2, 3));
        assertTrue(original.matches(digest(block(carried, 0, 1, 2, 3))));
        assertTrue(original.matches(wireDigest(block(carried, 3, 1), block(carried, 2, 0))), "rows in another order and blocks");
        assertFalse(original.matches(wireDigest(block(swap(carried, "qty", 0, "lots", 0), 0, 1, 2, 3))), "values swapped between columns");
        Object[][] changedRow1 = {{"flag", (byte) 1}, {"ch", (byte) 'c'}, {"sh", (short) -3}, {"qty", 21}, {"id", 4L}, {"day", 19725},
                {"ts", 1704101401001L}, {"f", Math.nextUp(-0.25f)}, {"price", Math.nextUp(100.02)}, {"sym", "MSFT "}, {"note", ""}};
        for (Object[] change : changedRow1) {
            List<Column> cols = new ArrayList<>();
            for (Column c : carried) {
                Object[] values = c.values().clone();
                if (c.name().equals(change[0])) values[1] = change[1];
                cols.add(new Column(c.name(), c.vector(), values));
            }
            RowDigest changed = wireDigest(block(cols, 0, 1, 2, 3));
            assertFalse(original.matches(changed), "a change in column " + change[0] + " went unseen");
            assertTrue(changed.matches(digest(block(cols, 0, 1, 2, 3))), "column " + change[0] + " digests alike in both forms");
        }
        // blocks of one partition may come in either form (the source's in wire form, the target's decoded, say)
        RowDigest mixed = new RowDigest();
        mixed.add(wire(block(carried, 0, 1)));
        mixed.add(block(carried, 2, 3));
        assertTrue(original.matches(mixed));
    }

    /** The columns with the values at (a, rowA) and (b, rowB) exchanged. */
    private static List<Column> swap(List<Column> cols, String a, int rowA, String b, int rowB) {
        Object va = cols.stream().filter(c -> c.name().equals(a)).findFirst().orElseThrow().values()[rowA];
        Object vb = cols.stream().filter(c -> c.name().equals(b)).findFirst().orElseThrow().values()[rowB];
        List<Column> out = new ArrayList<>();
        for (Column c : cols) {
            Object[] values = c.values().clone();
            if (c.name().equals(a)) values[rowA] = vb;
            if (c.name().equals(b)) values[rowB] = va;
            out.add(new Column(c.name(), c.vector(), values));
        }
        return out;
    }

    private static byte[] bytes(Object[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (Byte) v[i];
        return out;
    }

    private static short[] shorts(Object[] v) {
        short[] out = new short[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (Short) v[i];
        return out;
    }

    private static int[] ints(Object[] v) {
        return Arrays.stream(v).mapToInt(x -> (Integer) x).toArray();
    }

    private static long[] longs(Object[] v) {
        return Arrays.stream(v).mapToLong(x -> (Long) x).toArray();
    }

    private static float[] floats(Object[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (Float) v[i];
        return out;
    }

    private static double[] doubles(Object[] v) {
        return Arrays.stream(v).mapToDouble(x -> (Double) x).toArray();
    }

    private static List<String> strings(Object[] v) {
        return Arrays.stream(v).map(x -> (String) x).toList();
    }
}
