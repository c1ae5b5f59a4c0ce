package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireTable;
import com.xxdb.data.*;
import com.xxdb.io.Long2;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A table kept in wire form: read from the bytes the API writes, written back byte for byte, decoded to the same values. */
class WireTableTest {
    @Test
    void aTableOfEveryCarriedTypeIsWrittenBackByteForByteAndDecodesToTheSameValues() throws Exception {
        BasicTable original = WireTableTestSupport.everyCarriedType();
        byte[] bytes = WireTableTestSupport.written(original);
        WireTable wire = WireTable.read(new ByteArrayInputStream(bytes));

        assertArrayEquals(bytes, WireTableTestSupport.written(wire), "the bytes it came in, as they came");
        assertEquals(3, wire.rows());
        assertEquals(original.columns(), wire.columns());
        BasicTable decoded = wire.toBasicTable();
        for (int c = 0; c < original.columns(); c++) {
            assertEquals(original.getColumnName(c), wire.getColumnName(c));
            assertEquals(original.getColumn(c).getDataType(), wire.getColumns().get(c).type(), original.getColumnName(c));
            for (int r = 0; r < 3; r++) {
                assertEquals(original.getColumn(c).get(r).getString(), decoded.getColumn(c).get(r).getString(), original.getColumnName(c) + " row " + r);
            }
        }
        // the second SYMBOL column found the base the first one brought
        assertSame(wire.getColumns().get(18).symbols(), wire.getColumns().get(19).symbols());
        assertEquals(List.of("", "IBM", "MSFT", "上海"), List.of(wire.getColumns().get(19).symbols()));
        // values only: 2 x 1 + 2 + 8 x 4 + 6 x 8 (with the FLOAT) ... counted from the vectors themselves
        long values = 0;
        for (WireTable.Column c : wire.getColumns()) values += c.length() - c.valuesAt();
        assertEquals(values, wire.valueBytes());
        assertTrue(wire.valueBytes() > 3 * (2 + 2 + 4 * 8 + 8 * 5), "values of every column counted: " + wire.valueBytes());
    }

    @Test
    void aTableWithoutRowsAndAnEmptySymbolBaseIsRead() throws Exception {
        BasicTable empty = new BasicTable(List.of("sym", "qty"), List.of(new BasicSymbolVector(0), new BasicIntVector(0)));
        byte[] bytes = WireTableTestSupport.written(empty);
        WireTable wire = WireTable.read(new ByteArrayInputStream(bytes));
        assertEquals(0, wire.rows());
        assertArrayEquals(bytes, WireTableTestSupport.written(wire));
        assertEquals(0, wire.valueBytes());
    }

    @Test
    void aColumnOfATypeTheFormDoesNotCarryIsNamed() throws Exception {
        BasicTable t = new BasicTable(List.of("qty", "uid"), List.of(new BasicIntVector(new int[]{1}), new BasicUuidVector(new Long2[]{new Long2(1, 2)})));
        IOException e = assertThrows(IOException.class, () -> WireTable.read(new ByteArrayInputStream(WireTableTestSupport.written(t))));
        assertTrue(e.getMessage().contains("Column 'uid'") && e.getMessage().contains("DT_UUID") && e.getMessage().contains("streamList"), e.getMessage());
        assertFalse(WireTable.carries(Entity.DATA_TYPE.DT_UUID));
        assertFalse(WireTable.carries(Entity.DATA_TYPE.DT_DECIMAL64));
        assertFalse(WireTable.carries(Entity.DATA_TYPE.DT_BLOB));
        assertTrue(WireTable.carries(Entity.DATA_TYPE.DT_NANOTIMESTAMP));
    }

    @Test
    void aTableCutShortIsAnErrorNotAShorterTable() throws Exception {
        byte[] bytes = WireTableTestSupport.written(WireTableTestSupport.everyCarriedType());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 5);
        assertThrows(java.io.EOFException.class, () -> WireTable.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void aColumnWithOtherThanTheTablesRowsIsAnError() throws Exception {
        byte[] bytes = WireTableTestSupport.written(new BasicTable(List.of("a"), List.of(new BasicIntVector(new int[]{1, 2}))));
        // header 2, rows 4, columns 4, table name "" 1, column name "a" 2, the vector's header 2: then its row count
        assertEquals(2, bytes[15]);
        bytes[15] = 1;
        IOException e = assertThrows(IOException.class, () -> WireTable.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("Column 'a' came as 1 x 1 values in a block of 2 rows"), e.getMessage());
    }

    @Test
    void symbolBasesGoOnNumberedAsTheApiNumbersThemWhateverIdsTheServerGave() throws Exception {
        byte[] api = WireTableTestSupport.written(new BasicTable(List.of("sym"), List.of(new BasicSymbolVector(List.of("IBM", "MSFT", "IBM")))));
        // header 2, rows 4, columns 4, table name "" 1, "sym" 4, the vector's header 2, rows 4, columns 4: then the base's id, 0 from the API
        assertEquals(0, api[25]);
        byte[] server = api.clone();
        server[25] = (byte) 0xd2;
        server[26] = 0x04;
        WireTable wire = WireTable.read(new ByteArrayInputStream(server));
        assertArrayEquals(api, WireTableTestSupport.written(wire), "sent on with id 0, as the API would send it");
        assertEquals("[IBM,MSFT,IBM]", wire.toBasicTable().getColumn(0).getString());
    }
}
