package io.ddbsync.sync.online;

import io.ddbsync.camel.wire.WireTable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link RowDigest}'s value images read from a column in wire form: little-endian values straight
 * from its bytes, the same images the API's decoded vectors give. Only the types
 * {@link WireTable#carries} come this way.
 */
final class WireDigest {
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private WireDigest() {
    }

    static void mixColumn(long[] h, WireTable.Column c, int n, long column) {
        byte[] b = c.bytes();
        int at = c.valuesAt();
        switch (c.type()) {
            case DT_DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    // as Double.doubleToLongBits of the decoded double: every NaN is the one canonical NaN
                    h[i] = RowDigest.step(h[i], Double.doubleToLongBits(Double.longBitsToDouble((long) LONGS.get(b, at + 8 * i))), column);
                }
            }
            case DT_LONG, DT_TIMESTAMP, DT_NANOTIME, DT_NANOTIMESTAMP -> {
                for (int i = 0; i < n; i++) h[i] = RowDigest.step(h[i], (long) LONGS.get(b, at + 8 * i), column);
            }
            case DT_INT, DT_DATE, DT_MONTH, DT_TIME, DT_MINUTE, DT_SECOND, DT_DATETIME, DT_DATEHOUR -> {
                for (int i = 0; i < n; i++) h[i] = RowDigest.step(h[i], (int) INTS.get(b, at + 4 * i), column);
            }
            case DT_FLOAT -> {
                for (int i = 0; i < n; i++) {
                    h[i] = RowDigest.step(h[i], Float.floatToIntBits(Float.intBitsToFloat((int) INTS.get(b, at + 4 * i))), column);
                }
            }
            case DT_SHORT -> {
                for (int i = 0; i < n; i++) h[i] = RowDigest.step(h[i], (short) SHORTS.get(b, at + 2 * i), column);
            }
            case DT_BOOL, DT_BYTE -> {
                for (int i = 0; i < n; i++) h[i] = RowDigest.step(h[i], b[at + i], column);
            }
            case DT_SYMBOL, DT_STRING -> {
                if (c.symbols() != null) mixSymbols(h, c, n, column);
                else mixTexts(h, c, n, column);
            }
            default -> throw new IllegalArgumentException("Column '" + c.name() + "' of type " + c.type() + " is not digested in wire form");
        }
    }

    /**
     * Symbol indexes: each symbol hashed once. Index 0 is NULL, as the API's BasicSymbolVector has
     * it (a symbol base starts with the empty string).
     */
    private static void mixSymbols(long[] h, WireTable.Column c, int n, long column) {
        String[] symbols = c.symbols();
        long[] memo = new long[symbols.length];
        for (int k = 0; k < symbols.length; k++) memo[k] = k == 0 ? RowDigest.NULL_IMAGE : RowDigest.text(symbols[k]);
        byte[] b = c.bytes();
        int at = c.valuesAt();
        for (int i = 0; i < n; i++) h[i] = RowDigest.step(h[i], memo[(int) INTS.get(b, at + 4 * i)], column);
    }

    /** Zero-ended texts: the empty one is NULL; the others hash as the API's decoded String would. */
    private static void mixTexts(long[] h, WireTable.Column c, int n, long column) {
        byte[] b = c.bytes();
        int at = c.valuesAt();
        for (int i = 0; i < n; i++) {
            int end = at;
            boolean ascii = true;
            while (b[end] != 0) {
                ascii &= b[end] >= 0;
                end++;
            }
            long image;
            if (end == at) image = RowDigest.NULL_IMAGE;
            else if (ascii) image = RowDigest.asciiText(b, at, end);
            else image = RowDigest.text(new String(b, at, end - at, StandardCharsets.UTF_8));
            h[i] = RowDigest.step(h[i], image, column);
            at = end + 1;
        }
    }
}
