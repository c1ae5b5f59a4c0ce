package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import com.xxdb.io.Long2;

import java.util.ArrayList;
import java.util.List;

/**
 * A table with a column of every type the stand-in stores (ref §5), NULLs included, partitioned by
 * its DATE column {@code d} over three days: the data of the round-trip tests.
 */
public final class AllTypesTable {
    public static final String DB = "dfs://alltypes";
    public static final String CREATE = """
            if (existsDatabase("dfs://alltypes")) dropDatabase("dfs://alltypes")
            db = database("dfs://alltypes", VALUE, 2024.01.01..2024.01.03)
            pt = db.createPartitionedTable(t, `pt, `d)
            pt.append!(t)
            """;

    private AllTypesTable() {
    }

    /** Makes {@link #DB}'s table pt with {@link #build}(n)'s rows on the server of {@code c}, replacing it if it exists. */
    public static void create(com.xxdb.DBConnection c, int n) throws Exception {
        c.upload(java.util.Map.of("t", build(n)));
        c.run(CREATE);
    }

    /** n rows; row i is NULL in every nullable column when i % 5 == 3. */
    public static BasicTable build(int n) throws Exception {
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        int[] days = new int[n];
        byte[] bools = new byte[n], chars = new byte[n];
        short[] shorts = new short[n];
        int[] ints = new int[n], dates = new int[n], months = new int[n], times = new int[n], minutes = new int[n], seconds = new int[n],
                datetimes = new int[n], datehours = new int[n];
        long[] longs = new long[n], timestamps = new long[n], nanotimes = new long[n], nanostamps = new long[n];
        float[] floats = new float[n];
        double[] doubles = new double[n];
        List<String> symbols = new ArrayList<>();
        String[] strings = new String[n], blobs = new String[n], d32 = new String[n], d64 = new String[n], d128 = new String[n];
        Long2[] uuids = new Long2[n], ips = new Long2[n], int128s = new Long2[n];
        List<Vector> intArrays = new ArrayList<>(), doubleArrays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            days[i] = 19723 + i % 3; // 2024.01.01 + 0..2
            bools[i] = (byte) (i % 2);
            chars[i] = (byte) ('a' + i % 26);
            shorts[i] = (short) (i * 7 - 100);
            ints[i] = i * 1000 - 5;
            longs[i] = 1L << 40 | i;
            dates[i] = 19000 + i;
            months[i] = 24000 + i;
            times[i] = 34_200_000 + i;
            minutes[i] = 570 + i;
            seconds[i] = 34_200 + i;
            datetimes[i] = 1_700_000_000 + i;
            timestamps[i] = 1_700_000_000_000L + i;
            nanotimes[i] = 34_200_000_000_000L + i;
            nanostamps[i] = 1_700_000_000_000_000_000L + i;
            datehours[i] = 470_000 + i;
            floats[i] = i + 0.25f;
            doubles[i] = i / 3.0;
            symbols.add("S" + i % 4);
            strings[i] = "text " + i + " é";
            blobs[i] = "blob\u0001" + i;
            d32[i] = (i - 10) + ".125";
            d64[i] = "12345678." + (10_000_000 + i);
            d128[i] = "1234567890123456." + (1000 + i);
            uuids[i] = new Long2(0x5d212a78cc48e3b1L + i, 0x4235b4d91473ee87L);
            ips[i] = new Long2(0, 0xC0A80100L + i);
            int128s[i] = new Long2(0xe1671797c52e15f7L, 0x63380b45e841ec32L + i);
            boolean isNull = i % 5 == 3;
            intArrays.add(new BasicIntVector(isNull ? new int[]{Integer.MIN_VALUE} : new int[]{i, i + 1, i + 2}));
            doubleArrays.add(new BasicDoubleVector(i % 4 == 0 ? new double[]{i * 0.5} : new double[]{i, -i}));
        }
        add(names, cols, "d", new BasicDateVector(days));
        add(names, cols, "b", new BasicBooleanVector(bools));
        add(names, cols, "c", new BasicByteVector(chars));
        add(names, cols, "s", new BasicShortVector(shorts));
        add(names, cols, "i", new BasicIntVector(ints));
        add(names, cols, "l", new BasicLongVector(longs));
        add(names, cols, "dt", new BasicDateVector(dates));
        add(names, cols, "mo", new BasicMonthVector(months));
        add(names, cols, "tm", new BasicTimeVector(times));
        add(names, cols, "mi", new BasicMinuteVector(minutes));
        add(names, cols, "se", new BasicSecondVector(seconds));
        add(names, cols, "dtt", new BasicDateTimeVector(datetimes));
        add(names, cols, "ts", new BasicTimestampVector(timestamps));
        add(names, cols, "nt", new BasicNanoTimeVector(nanotimes));
        add(names, cols, "nts", new BasicNanoTimestampVector(nanostamps));
        add(names, cols, "dh", new BasicDateHourVector(datehours));
        add(names, cols, "f", new BasicFloatVector(floats));
        add(names, cols, "db", new BasicDoubleVector(doubles));
        add(names, cols, "sym", new BasicSymbolVector(symbols));
        add(names, cols, "str", new BasicStringVector(strings));
        add(names, cols, "uid", new BasicUuidVector(uuids));
        add(names, cols, "ip", new BasicIPAddrVector(ips));
        add(names, cols, "i128", new BasicInt128Vector(int128s));
        add(names, cols, "bl", new BasicStringVector(blobs, true));
        add(names, cols, "d32", new BasicDecimal32Vector(d32, 3));
        add(names, cols, "d64", new BasicDecimal64Vector(d64, 8));
        add(names, cols, "d128", new BasicDecimal128Vector(d128, 20));
        add(names, cols, "ai", new BasicArrayVector(intArrays));
        add(names, cols, "ad", new BasicArrayVector(doubleArrays));
        // NULLs in every nullable column (not the partitioning column, nor the array vectors, which hold NULL elements)
        for (int c = 1; c < cols.size() - 2; c++) {
            for (int i = 3; i < n; i += 5) cols.get(c).setNull(i);
        }
        return new BasicTable(names, cols);
    }

    private static void add(List<String> names, List<Vector> cols, String name, Vector v) {
        names.add(name);
        cols.add(v);
    }
}
