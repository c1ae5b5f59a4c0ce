package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.io.LittleEndianDataOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Tables for the tests of blocks in wire form (WireTableTest, RowDigestTest). */
public final class WireTableTestSupport {
    private WireTableTestSupport() {
    }

    /** Every type a block in wire form carries, with a NULL in the last row of each and text beyond ASCII. */
    public static BasicTable everyCarriedType() {
        SymbolBase shared = new SymbolBase(0);
        // a symbol base starts with the empty string, the NULL symbol (index 0)
        shared.find("", true);
        List<String> names = new ArrayList<>();
        List<Vector> columns = new ArrayList<>();
        add(names, columns, "flag", new BasicBooleanVector(new byte[]{1, 0, Byte.MIN_VALUE}));
        add(names, columns, "ch", new BasicByteVector(new byte[]{'a', 0, Byte.MIN_VALUE}));
        add(names, columns, "sh", new BasicShortVector(new short[]{1, -2, Short.MIN_VALUE}));
        add(names, columns, "qty", new BasicIntVector(new int[]{10, -20, Integer.MIN_VALUE}));
        add(names, columns, "id", new BasicLongVector(new long[]{1L << 40, -2, Long.MIN_VALUE}));
        add(names, columns, "day", new BasicDateVector(new int[]{19723, 0, Integer.MIN_VALUE}));
        add(names, columns, "mon", new BasicMonthVector(new int[]{24287, 1, Integer.MIN_VALUE}));
        add(names, columns, "tm", new BasicTimeVector(new int[]{34200000, 1, Integer.MIN_VALUE}));
        add(names, columns, "mi", new BasicMinuteVector(new int[]{570, 1, Integer.MIN_VALUE}));
        add(names, columns, "se", new BasicSecondVector(new int[]{34200, 1, Integer.MIN_VALUE}));
        add(names, columns, "dt", new BasicDateTimeVector(new int[]{1704101400, 1, Integer.MIN_VALUE}));
        add(names, columns, "dh", new BasicDateHourVector(new int[]{473361, 1, Integer.MIN_VALUE}));
        add(names, columns, "ts", new BasicTimestampVector(new long[]{1704101400000L, 1, Long.MIN_VALUE}));
        add(names, columns, "nt", new BasicNanoTimeVector(new long[]{34200000000001L, 1, Long.MIN_VALUE}));
        add(names, columns, "nts", new BasicNanoTimestampVector(new long[]{1704101400000000001L, 1, Long.MIN_VALUE}));
        add(names, columns, "f", new BasicFloatVector(new float[]{1.5f, Float.intBitsToFloat(0x7fc00001), -Float.MAX_VALUE}));
        add(names, columns, "price", new BasicDoubleVector(new double[]{1.0 / 3, Double.longBitsToDouble(0x7ff0000000000001L), -Double.MAX_VALUE}));
        add(names, columns, "note", new BasicStringVector(new String[]{"n1", "北京 δ", ""}));
        // two SYMBOL columns on one symbol base: the second sends only the base's id
        add(names, columns, "sym", new BasicSymbolVector(shared, new int[]{shared.find("IBM", true), shared.find("MSFT", true), 0}, false));
        add(names, columns, "venue", new BasicSymbolVector(shared, new int[]{shared.find("MSFT", true), shared.find("上海", true), 0}, false));
        return new BasicTable(names, columns);
    }

    private static void add(List<String> names, List<Vector> columns, String name, Vector v) {
        names.add(name);
        columns.add(v);
    }

    public static byte[] written(Entity table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LittleEndianDataOutputStream data = new LittleEndianDataOutputStream(out);
        table.write(data);
        data.flush();
        return out.toByteArray();
    }
}
