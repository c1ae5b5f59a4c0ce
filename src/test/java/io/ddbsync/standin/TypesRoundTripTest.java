package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import com.xxdb.io.Long2;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every column type of reference §5, with a NULL in each column, written to a DFS table and read back, also after a restart. */
class TypesRoundTripTest {

    /** Three rows per column; the middle one is NULL. */
    static BasicTable allTypes() throws Exception {
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        add(names, cols, "k", new BasicIntVector(new int[]{1, 2, 3}));
        add(names, cols, "b", new BasicBooleanVector(new boolean[]{true, false, true}));
        add(names, cols, "c", new BasicByteVector(new byte[]{97, 0, -5}));
        add(names, cols, "h", new BasicShortVector(new short[]{12, 0, -32000}));
        add(names, cols, "i", new BasicIntVector(new int[]{7, 0, -2000000000}));
        add(names, cols, "l", new BasicLongVector(new long[]{7L << 40, 0, -9}));
        add(names, cols, "d", new BasicDateVector(new int[]{19723, 0, -1}));
        add(names, cols, "mo", new BasicMonthVector(new int[]{2024 * 12, 0, 1970 * 12 + 11}));
        add(names, cols, "t", new BasicTimeVector(new int[]{48610008, 0, 1}));
        add(names, cols, "mi", new BasicMinuteVector(new int[]{1350, 0, 0}));
        add(names, cols, "s", new BasicSecondVector(new int[]{48610, 0, 86399}));
        add(names, cols, "dt", new BasicDateTimeVector(new int[]{1704101400, 0, -86400}));
        add(names, cols, "ts", new BasicTimestampVector(new long[]{1704101400123L, 0, -1}));
        add(names, cols, "nt", new BasicNanoTimeVector(new long[]{48610008007006L, 0, 1}));
        add(names, cols, "nts", new BasicNanoTimestampVector(new long[]{1704101400123456789L, 0, -1}));
        add(names, cols, "dh", new BasicDateHourVector(new int[]{473361, 0, 5}));
        add(names, cols, "f", new BasicFloatVector(new float[]{2.5f, 0, -1e-3f}));
        add(names, cols, "x", new BasicDoubleVector(new double[]{Math.PI, 0, -1e300}));
        add(names, cols, "sym", new BasicSymbolVector(Arrays.asList("IBM", "", "MSFT")));
        add(names, cols, "str", new BasicStringVector(new String[]{"hello, world", "", "\u00e9t\u00e9"}));
        add(names, cols, "u", new BasicUuidVector(new Long2[]{new Long2(0x5d212a78cc48e3b1L, 0x4235b4d91473ee87L), new Long2(0, 0), new Long2(1, 2)}));
        add(names, cols, "ip", new BasicIPAddrVector(new Long2[]{new Long2(0, 0xc0a8010dL), new Long2(0, 0), new Long2(0x20010db8L, 1)}));
        add(names, cols, "i128", new BasicInt128Vector(new Long2[]{new Long2(0xe1671797c52e15f7L, 0x63380b45e841ec32L), new Long2(0, 0), new Long2(-1, -1)}));
        Vector blob = BasicEntityFactory.instance().createVectorWithDefaultValue(Entity.DATA_TYPE.DT_BLOB, 3, 0);
        blob.set(0, new BasicString("bytes\u0001\u0002".getBytes(), true));
        blob.set(1, new BasicString(new byte[0], true));
        blob.set(2, new BasicString("z".getBytes(), true));
        add(names, cols, "bl", blob);
        add(names, cols, "d32", new BasicDecimal32Vector(new String[]{"3.14", "0", "-7.01"}, 2));
        add(names, cols, "d64", new BasicDecimal64Vector(new String[]{"12345678.123456", "0", "-0.000001"}, 6));
        add(names, cols, "d128", new BasicDecimal128Vector(new String[]{"123456789012345678901234.5678", "0", "-1.0001"}, 4));
        add(names, cols, "av", new BasicArrayVector(List.of(new BasicIntVector(new int[]{1, 2}), new BasicIntVector(new int[]{3}), new BasicIntVector(new int[0]))));
        BasicTable t = new BasicTable(names, cols);
        for (int c = 1; c < t.columns(); c++) {
            if (!(t.getColumn(c) instanceof BasicArrayVector) && !(t.getColumn(c).getDataType() == Entity.DATA_TYPE.DT_BLOB)) t.getColumn(c).setNull(1);
        }
        return t;
    }

    private static void add(List<String> names, List<Vector> cols, String name, Vector v) {
        names.add(name);
        cols.add(v);
    }

    static String typeNames(BasicTable t) {
        StringBuilder sb = new StringBuilder("[");
        for (int c = 0; c < t.columns(); c++) {
            Vector v = t.getColumn(c);
            String name = v.getDataType().getName();
            if (v instanceof BasicDecimal32Vector || v instanceof BasicDecimal64Vector || v instanceof BasicDecimal128Vector) {
                name = name + "(" + ((AbstractVector) v).getExtraParamForType() + ")";
            }
            sb.append(c == 0 ? "" : ",").append('"').append(name).append('"');
        }
        return sb.append(']').toString();
    }

    static void assertSameContent(BasicTable expected, BasicTable actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns(), actual.columns());
        for (int c = 0; c < expected.columns(); c++) {
            Vector e = expected.getColumn(c);
            Vector a = actual.getColumn(c);
            String name = expected.getColumnName(c);
            assertEquals(e.getDataType(), a.getDataType(), "type of " + name);
            for (int r = 0; r < expected.rows(); r++) {
                assertEquals(e.isNull(r), a.isNull(r), "NULL of " + name + " row " + r);
                assertEquals(e.getString(r), a.getString(r), name + " row " + r);
            }
        }
    }

    @Test
    void everyTypeWithNullsSurvivesWriteReadAndRestart() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            BasicTable data = allTypes();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < data.columns(); i++) names.append('`').append(data.getColumnName(i));
            c.run("db = database('dfs://types', VALUE, 1 2 3)\n"
                    + "db.createPartitionedTable(table(1:0, " + names + ", " + typeNames(data) + "), `t, `k)");
            BasicInt written = (BasicInt) c.run("tableInsert{loadTable('dfs://types', 't')}", List.of(data));
            assertEquals(3, written.getInt());
            BasicTable back = (BasicTable) c.run("select * from loadTable('dfs://types', 't') order by k");
            assertSameContent(data, back);
            c.close();
            if (!cluster.isStandIn()) return;
            try (TestCluster restarted = cluster.restart()) {
                DBConnection c2 = restarted.connect();
                assertSameContent(data, (BasicTable) c2.run("select * from loadTable('dfs://types', 't') order by k"));
                c2.close();
            }
        }
    }

    @Test
    void everyTypeThroughAnInMemoryTableAndUpload() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            BasicTable data = allTypes();
            c.upload(java.util.Map.of("up", data));
            assertSameContent(data, (BasicTable) c.run("up"));
            assertSameContent(data, (BasicTable) c.run("select * from up where k in 1 2 3"));
            c.close();
        }
    }
}
