package io.ddbsync.standin.wire;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_FORM;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes rows [start, start+count) of an in-memory vector as a complete vector entity, without
 * copying the rows into a new vector first. Primitive columns go out as bulk conversions; other
 * types through the API's own encoder.
 */
final class VectorWriter {
    private VectorWriter() {
    }

    static void write(Vector v, int start, int count, WireDataOutput out, SymbolIds ids) throws IOException {
        if (v instanceof BasicSymbolVector s) {
            writeSymbols(s, start, count, out, ids.next());
            return;
        }
        DATA_TYPE t = v.getDataType();
        if (v instanceof BasicIntVector iv) {
            header(t, count, out);
            out.writeInts(iv.getValues(), start, count);
        } else if (v instanceof BasicLongVector lv) {
            header(t, count, out);
            out.writeLongs(lv.getValues(), start, count);
        } else if (v instanceof BasicDoubleVector dv) {
            header(t, count, out);
            out.writeDoubles(dv.getValues(), start, count);
        } else if (v instanceof BasicFloatVector fv) {
            header(t, count, out);
            out.writeFloats(fv.getValues(), start, count);
        } else if (v instanceof BasicShortVector sv) {
            header(t, count, out);
            out.writeShorts(sv.getValues(), start, count);
        } else if (v instanceof BasicByteVector bv) {
            header(t, count, out);
            out.write(bv.getValues(), start, count);
        } else if (v instanceof BasicBooleanVector bv) {
            header(t, count, out);
            out.write(bv.getValues(), start, count);
        } else {
            Vector range = start == 0 && count == v.rows() ? v : Vectors.slice(v, start, start + count);
            range.write(out);
        }
    }

    static void header(DATA_TYPE t, int rows, WireDataOutput out) throws IOException {
        out.writeShort((DATA_FORM.DF_VECTOR.ordinal() << 8) | t.getValue());
        out.writeInt(rows);
        out.writeInt(1);
    }

    /** Symbol-base form with a base of only the symbols the rows use ("" first, as the API's bases start). */
    private static void writeSymbols(BasicSymbolVector s, int start, int count, WireDataOutput out, int baseId) throws IOException {
        int[] values = s.getValues();
        int max = 0;
        for (int i = start; i < start + count; i++) max = Math.max(max, values[i]);
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        map[0] = 0;
        List<String> used = new ArrayList<>();
        used.add("");
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            int v = values[start + i];
            int m = map[v];
            if (m < 0) {
                m = map[v] = used.size();
                used.add(s.getString(start + i));
            }
            indices[i] = m;
        }
        out.writeShort((DATA_FORM.DF_VECTOR.ordinal() << 8) | (DATA_TYPE.DT_SYMBOL.getValue() + 128));
        out.writeInt(count);
        out.writeInt(1);
        out.writeInt(baseId);
        out.writeInt(used.size());
        for (String sym : used) out.writeCString(sym);
        out.writeInts(indices, 0, count);
    }

    /** Symbol bases of one table are numbered 0, 1, 2... */
    static final class SymbolIds {
        private int next;

        int next() {
            return next++;
        }
    }
}
