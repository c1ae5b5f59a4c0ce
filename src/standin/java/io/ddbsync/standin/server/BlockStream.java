package io.ddbsync.standin.server;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.wire.TableWriter;
import io.ddbsync.standin.wire.WireDataOutput;

import java.io.IOException;

/**
 * fetchSize streaming: an ANY-vector header announcing the number of blocks, then every block
 * (a table of at most fetchSize rows) back to back. The client reads them one by one; TCP flow
 * control paces the server, there is no "next block" request. Each block is written straight
 * from the result's row range, with no sub-table copied out first.
 */
final class BlockStream {
    private BlockStream() {
    }

    static void write(BasicTable table, int fetchSize, WireDataOutput out) throws IOException {
        int rows = table.rows();
        int blocks = (rows + fetchSize - 1) / fetchSize;
        out.writeShort((Entity.DATA_FORM.DF_VECTOR.ordinal() << 8) | Entity.DATA_TYPE.DT_ANY.getValue());
        out.writeInt(blocks);
        out.writeInt(1);
        for (int start = 0; start < rows; start += fetchSize) {
            TableWriter.write(table, start, Math.min(fetchSize, rows - start), out);
        }
    }
}
