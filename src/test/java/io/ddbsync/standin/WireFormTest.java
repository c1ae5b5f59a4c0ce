package io.ddbsync.standin;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;
import io.ddbsync.standin.value.Temporals;
import io.ddbsync.standin.value.Vectors;
import io.ddbsync.standin.wire.EncodedTable;
import io.ddbsync.standin.wire.PieceTable;
import io.ddbsync.standin.wire.TableWriter;
import io.ddbsync.standin.wire.WireDataOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.xxdb.data.Entity.DATA_TYPE.*;
import static io.ddbsync.standin.TypesRoundTripTest.allTypes;
import static io.ddbsync.standin.TypesRoundTripTest.assertSameContent;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Tables in wire form, in-process: what the stand-in writes for row ranges (fetchSize blocks,
 * segments) decodes with the API to the same rows, and tables read from stored bytes behave as
 * the BasicTables they stand for.
 */
class WireFormTest {

    private static byte[] apiBytes(BasicTable t) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        t.write(new LittleEndianDataOutputStream(b));
        return b.toByteArray();
    }

    private static BasicTable decodeWithApi(byte[] bytes) throws IOException {
        LittleEndianDataInputStream in = new LittleEndianDataInputStream(new ByteArrayInputStream(bytes));
        short flag = in.readShort();
        assertEquals(Entity.DATA_FORM.DF_TABLE.ordinal(), flag >> 8);
        return new BasicTable(in);
    }

    private static byte[] rangeBytes(BasicTable t, int start, int count) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        WireDataOutput out = new WireDataOutput(b);
        TableWriter.write(t, start, count, out);
        out.flush();
        return b.toByteArray();
    }

    private static PieceTable stored(BasicTable t) throws IOException {
        return (PieceTable) EncodedTable.parse(ByteBuffer.wrap(apiBytes(t))).toTable();
    }

    private static BasicTable rows(BasicTable t, int start, int count) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) idx[i] = start + i;
        return (BasicTable) t.getSubTable(idx);
    }

    @Test
    void rowRangesOfEveryTypeDecodeToTheSameRows() throws Exception {
        BasicTable data = allTypes();
        for (int[] range : new int[][]{{0, 3}, {1, 2}, {2, 1}, {0, 1}}) {
            BasicTable expected = rows(data, range[0], range[1]);
            assertSameContent(expected, decodeWithApi(rangeBytes(data, range[0], range[1])));
            assertSameContent(expected, decodeWithApi(rangeBytes(stored(data), range[0], range[1])));
        }
    }

    @Test
    void storedTablesDecodeEveryTypeLikeTheApi() throws Exception {
        BasicTable data = allTypes();
        PieceTable stored = stored(data);
        assertTrue(stored.isLazy());
        assertSameContent(data, stored);
        assertSameContent(rows(data, 1, 2), (BasicTable) stored.getSubTable(1, 2));
        assertSameContent(rows(data, 1, 2), (BasicTable) stored.getSubTable(new int[]{1, 2}));
        assertEquals(data.getColumnName(3), stored.getColumnName(3));
        assertNull(stored.getColumn("nosuch"));
        // written whole through the API's own stream it is still the same table
        assertSameContent(data, decodeWithApi(apiBytes(stored)));
    }

    @Test
    void piecesOfSeveralTablesConcatenateWithTheirOwnSymbolBases() throws Exception {
        BasicTable a = new BasicTable(List.of("s", "x"), List.of(new BasicSymbolVector(List.of("IBM", "MSFT", "IBM")), new BasicIntVector(new int[]{1, 2, 3})));
        BasicTable same = new BasicTable(List.of("s", "x"), List.of(new BasicSymbolVector(List.of("IBM", "MSFT")), new BasicIntVector(new int[]{4, 5})));
        BasicTable other = new BasicTable(List.of("s", "x"), List.of(new BasicSymbolVector(List.of("AAPL", "", "IBM")), new BasicIntVector(new int[]{6, 7, 8})));
        PieceTable all = PieceTable.concat(List.of(stored(a), stored(same), stored(other)), List.of("sym", "qty"));
        assertNotNull(all);
        assertEquals(8, all.rows());
        String[] syms = {"IBM", "MSFT", "IBM", "IBM", "MSFT", "AAPL", "", "IBM"};
        // a block within equal bases (spliced), and blocks across different bases (merged)
        for (int[] range : new int[][]{{0, 5}, {3, 4}, {0, 8}, {6, 2}}) {
            BasicTable block = decodeWithApi(rangeBytes(all, range[0], range[1]));
            assertEquals(List.of("sym", "qty"), List.of(block.getColumnName(0), block.getColumnName(1)));
            for (int i = 0; i < range[1]; i++) {
                assertEquals(syms[range[0] + i], block.getColumn(0).getString(i));
                assertEquals(range[0] + i + 1, ((BasicIntVector) block.getColumn(1)).getInt(i));
            }
        }
        Vector decoded = all.getColumn("sym");
        assertEquals(Arrays.asList(syms), Arrays.asList(Vectors.strings(decoded)));
        assertTrue(decoded.isNull(6));
    }

    @Test
    void severalSymbolColumnsSharingOneBaseAreRead() throws Exception {
        BasicSymbolVector first = new BasicSymbolVector(List.of("a", "b", "c"));
        Vector second = first.getSubVector(new int[]{2, 1, 0}); // the same base: written as "id, 0"
        BasicTable t = new BasicTable(List.of("s1", "s2"), List.of(first, second));
        PieceTable stored = stored(t);
        assertEquals("c", stored.getColumn(1).getString(0));
        assertSameContent(t, decodeWithApi(rangeBytes(stored, 0, 3)));
        assertSameContent(rows(t, 1, 2), decodeWithApi(rangeBytes(stored, 1, 2)));
    }

    @Test
    void changingAStoredTableMakesItAPlainOne() throws Exception {
        BasicTable data = allTypes();
        PieceTable stored = stored(data);
        stored.replaceColumn("k", new BasicIntVector(new int[]{7, 8, 9}));
        assertFalse(stored.isLazy());
        assertEquals(8, ((BasicIntVector) stored.getColumn("k")).getInt(1));
        assertEquals(data.getColumn("sym").getString(2), stored.getColumn("sym").getString(2));
        stored.addColumn("extra", new BasicIntVector(new int[]{1, 2, 3}));
        assertEquals(data.columns() + 1, stored.columns());
        assertEquals(3, decodeWithApi(rangeBytes(stored, 0, 3)).rows());
    }

    /** Every public method of BasicTable reads its own fields; a stored table must answer each itself. */
    @Test
    void everyPublicMethodOfBasicTableIsOverridden() {
        List<String> missing = new ArrayList<>();
        for (Method m : BasicTable.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) continue;
            if (List.of("getDataCategory", "getDataType", "getDataForm").contains(m.getName())) continue; // constants
            try {
                PieceTable.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void bulkTemporalConversionMatchesElementByElement() {
        Entity.DATA_TYPE[] types = {DT_DATE, DT_DATEHOUR, DT_DATETIME, DT_TIMESTAMP, DT_NANOTIMESTAMP, DT_TIME, DT_MINUTE, DT_SECOND, DT_NANOTIME, DT_MONTH};
        long[] samples = {0, 1, -1, 59, 60, 86_399, 86_400, -86_401, 1_704_067_200_123L, -1_704_067_200_123L, 19_723, 473_361, Long.MIN_VALUE};
        for (Entity.DATA_TYPE from : types) {
            for (Entity.DATA_TYPE to : types) {
                if (Temporals.hasDate(to) && !Temporals.hasDate(from)) continue;
                // values whose nanoseconds fit in a long (and months a LocalDate): where element by element works at all
                long limit = from == DT_MONTH ? 12 * 100_000L : Long.MAX_VALUE / Temporals.unitNanos(from);
                long[] raw = Arrays.stream(samples).filter(v -> v == Long.MIN_VALUE || Math.abs(v) <= limit).toArray();
                long[] bulk = raw.clone();
                Temporals.convertAll(bulk, from, to, "test");
                for (int i = 0; i < raw.length; i++) {
                    long expected = raw[i] == Long.MIN_VALUE ? Long.MIN_VALUE : Temporals.convert(raw[i], from, to, "test");
                    assertEquals(expected, bulk[i], from + " -> " + to + " of " + raw[i]);
                }
            }
        }
    }
}
