package io.ddbsync.standin.server;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.io.ExtendedDataOutput;

import java.io.IOException;

/**
 * fetchSize streaming: an ANY-vector header announcing the number of blocks, then every block
 * (a table of at most fetchSize rows) back to back. The client reads them one by one; TCP flow
 * control paces the server, there is no "next block" request.
 */
final class BlockStream {
    private BlockStream() {
    }

    static void write(BasicTable table, int fetchSize, ExtendedDataOutput out) throws IOException {
        int rows = table.rows();
        int blocks = (rows + fetchSize - 1) / fetchSize;
        out.writeShort((Entity.DATA_FORM.DF_VECTOR.ordinal() << 8) | Entity.DATA_TYPE.DT_ANY.getValue());
        out.writeInt(blocks);
        out.writeInt(1);
        for (int start = 0; start < rows; start += fetchSize) {
            int end = Math.min(rows, start + fetchSize);
            BasicTable block = start == 0 && end == rows ? table : (BasicTable) table.getSubTable(start, end - 1);
            block.write(out);
        }
    }
}
