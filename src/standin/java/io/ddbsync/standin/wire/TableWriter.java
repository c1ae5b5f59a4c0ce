package io.ddbsync.standin.wire;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;

import java.io.IOException;

/**
 * Writes rows [start, start+count) of a table as a table entity in the form BasicTable.write
 * produces, without building the sub-table first: a fetchSize block, a reply, a segment file.
 * Tables read from encoded bytes have their stored bytes copied where the form allows.
 */
public final class TableWriter {
    private TableWriter() {
    }

    public static void write(BasicTable table, int start, int count, WireDataOutput out) throws IOException {
        int cols = table.columns();
        out.writeShort((Entity.DATA_FORM.DF_TABLE.ordinal() << 8) | Entity.DATA_TYPE.DT_DICTIONARY.getValue());
        out.writeInt(count);
        out.writeInt(cols);
        out.writeCString("");
        for (int c = 0; c < cols; c++) out.writeCString(table.getColumnName(c));
        VectorWriter.SymbolIds ids = new VectorWriter.SymbolIds();
        boolean lazy = table instanceof PieceTable p && p.isLazy();
        for (int c = 0; c < cols; c++) {
            if (lazy) ((PieceTable) table).writeColumn(c, start, count, out, ids);
            else if (table.getColumn(c).rows() != table.rows()) table.getColumn(c).write(out); // as BasicTable.write does
            else VectorWriter.write(table.getColumn(c), start, count, out, ids);
        }
    }
}
