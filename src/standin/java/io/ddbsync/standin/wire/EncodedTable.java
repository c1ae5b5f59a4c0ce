package io.ddbsync.standin.wire;

import com.xxdb.compression.VectorDecompressor;
import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_FORM;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.io.ExtendedDataInput;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table in DolphinDB's wire form (what BasicTable.write produces, what a client uploads, what a
 * segment file holds), with the position of each column noted. Columns decode on demand, and
 * row ranges of fixed-width and symbol columns can be sent or stored as the bytes they are.
 */
public final class EncodedTable {
    private ByteBuffer bytes;
    /** The pooled direct buffer an upload's bytes are in until its request is over; null otherwise. */
    private ByteBuffer leased;
    /** A file holding the same bytes as an upload's, until it is stored or the request is over; null otherwise. */
    private UploadSpool spool;
    private final int rows;
    private final List<String> names;
    private final ColumnLayout[] columns;
    private final Vector[] decoded;
    private final Map<Integer, SymbolBase> bases = new HashMap<>();

    private EncodedTable(ByteBuffer bytes, int rows, List<String> names, ColumnLayout[] columns) {
        this.bytes = bytes;
        this.rows = rows;
        this.names = names;
        this.columns = columns;
        this.decoded = new Vector[columns.length];
    }

    /** Parses a table entity that starts at offset 0 of {@code bytes} with its 2-byte header. */
    public static EncodedTable parse(ByteBuffer bytes) throws IOException {
        BufferInput in = new BufferInput(bytes, 0);
        int flag = in.readShort();
        if ((flag >> 8) != DATA_FORM.DF_TABLE.ordinal()) throw new IOException("Not a table: form " + (flag >> 8));
        return parseBody(in);
    }

    /**
     * Reads a table argument from a client's socket; {@code flag} is its 2-byte header, already
     * read. The table's bytes are kept as they came, in a pooled direct buffer that the caller
     * gives back through {@link #release()} when the request is over.
     */
    public static EncodedTable read(ExtendedDataInput socket, short flag, Path spoolDir) throws IOException {
        // sized by the table's header (rows and columns) once it is read
        StreamInput in = new StreamInput(socket, 256, spoolDir);
        byte[] header = {(byte) flag, (byte) (flag >> 8)};
        in.keep(header, 0, 2);
        EncodedTable table;
        try {
            table = parseBody(in);
        } catch (IOException | RuntimeException e) {
            in.abandonSpool();
            throw e;
        }
        table.leased = in.pooledBuffer();
        table.spool = in.finishSpool();
        return table;
    }

    private static EncodedTable parseBody(WireInput in) throws IOException {
        int rows = in.readInt();
        int cols = in.readInt();
        in.expect(8L * rows * cols + 4096);
        String tableName = in.readString();
        List<String> names = new ArrayList<>(cols);
        for (int i = 0; i < cols; i++) names.add(in.readString());
        ColumnLayout[] layouts = new ColumnLayout[cols];
        Map<Integer, ColumnLayout.Symbol> basesById = new HashMap<>();
        VectorDecompressor decompressor = null;
        for (int c = 0; c < cols; c++) {
            short flag = in.readShort();
            int form = (flag >> 8) & 0xff;
            int typeCode = flag & 0xff;
            boolean extended = typeCode >= 128;
            if (extended) typeCode -= 128;
            if (form != DATA_FORM.DF_VECTOR.ordinal()) {
                throw new IOException("Invalid form for column [" + names.get(c) + "] for table " + tableName);
            }
            DATA_TYPE type = DATA_TYPE.valueOf(typeCode);
            int unit = FixedWidth.unit(type);
            ColumnLayout layout;
            if (unit > 0 && !extended) {
                int n = in.readInt();
                in.readInt();
                int scale = FixedWidth.hasScale(type) ? in.readInt() : -1;
                int data = in.position();
                in.skip(Math.multiplyExact(n, unit));
                layout = new ColumnLayout.Fixed(type, unit, scale, n, data);
            } else if (type == DATA_TYPE.DT_SYMBOL && extended) {
                int n = in.readInt();
                in.readInt();
                int id = in.readInt();
                int baseOffset = in.position();
                int size = in.readInt();
                ColumnLayout.Symbol base;
                if (size == 0 && basesById.containsKey(id)) {
                    base = basesById.get(id);
                } else {
                    for (int k = 0; k < size; k++) in.skipString();
                    base = new ColumnLayout.Symbol(0, baseOffset, in.position(), 0);
                    basesById.put(id, base);
                }
                int indices = in.position();
                in.skip(Math.multiplyExact(n, 4));
                layout = new ColumnLayout.Symbol(n, base.baseOffset(), base.baseEnd(), indices);
            } else if (type == DATA_TYPE.DT_COMPRESS) {
                if (decompressor == null) decompressor = new VectorDecompressor();
                layout = new ColumnLayout.Decoded(decompressor.decompress(BasicEntityFactory.instance(), in, extended, true));
            } else {
                Vector v = (Vector) BasicEntityFactory.instance().createEntity(DATA_FORM.DF_VECTOR, type, in, extended);
                layout = new ColumnLayout.Decoded(v);
            }
            if (layout.rows() != rows && layout.rows() != 1 && layout.type() != DATA_TYPE.DT_IOTANY) {
                throw new IOException("The number of rows for column " + names.get(c) + " is not consistent with other columns");
            }
            layouts[c] = layout;
        }
        return new EncodedTable(in.buffer(), rows, List.copyOf(names), layouts);
    }

    public int rows() {
        return rows;
    }

    /**
     * Ends an upload's request: the bytes move to a heap array and the direct buffer goes back to
     * its pool for the next upload. Whether anything still holds this table (a variable, say) is
     * not known, so it is always moved; the array goes back to its own pool once the table is
     * unreachable. Called on the session's thread, the only one that can reach an upload.
     */
    public synchronized void release() {
        if (spool != null) {
            spool.delete();
            spool = null;
        }
        if (leased == null) return;
        int size = bytes.limit();
        byte[] copy = CaptureBuffers.takeHeap(size);
        bytes.get(0, copy, 0, size);
        bytes = ByteBuffer.wrap(copy, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        CaptureBuffers.giveBackAfter(this, copy);
        CaptureBuffers.giveBack(leased);
        leased = null;
    }

    /** The table to hand to the interpreter: lazy over these bytes, or decoded when a column has another length. */
    public BasicTable toTable() {
        if (regular()) return PieceTable.of(this);
        try {
            return new BasicTable(new BufferInput(bytes, 2));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to decode table", e);
        }
    }

    /**
     * Stores an upload's bytes, exactly as they came, as the file {@code target} by moving its
     * spool there, and reads them from that file from now on (the direct buffer goes back to its
     * pool, with no copy to the heap). False when there is no spool to move: the caller then
     * writes the file itself.
     */
    public synchronized boolean moveSpoolTo(Path target) {
        UploadSpool s = spool;
        spool = null;
        if (s == null || leased == null || !s.moveTo(target)) return false;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
            if (ch.size() == bytes.limit()) {
                bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
                CaptureBuffers.giveBack(leased);
                leased = null;
            }
        } catch (IOException e) {
            // the file is in place; the bytes stay in the buffer until the request is over
        }
        return true;
    }

    public int columns() {
        return columns.length;
    }

    public List<String> names() {
        return names;
    }

    /** Whether every column has the table's row count (the API tolerates 1-row columns; we then decode). */
    public boolean regular() {
        for (ColumnLayout c : columns) if (c.rows() != rows) return false;
        return true;
    }

    public DATA_TYPE type(int column) {
        return columns[column].type();
    }

    /** Decimal scale of a column, or -1 when it has none. */
    public int scale(int column) {
        ColumnLayout c = columns[column];
        if (c instanceof ColumnLayout.Fixed f) return f.scale();
        if (c instanceof ColumnLayout.Decoded d && FixedWidth.hasScale(d.type())) return Vectors.scale(d.vector());
        return -1;
    }

    ColumnLayout layout(int column) {
        return columns[column];
    }

    ByteBuffer bytes() {
        return bytes;
    }

    /** The whole column, decoded (and kept: segments and uploads are read-only). */
    public synchronized Vector decode(int column) {
        Vector v = decoded[column];
        if (v == null) v = decoded[column] = decode(column, 0, columns[column].rows());
        return v;
    }

    /** Rows [from, from+count) of a column as a new vector. */
    public Vector decode(int column, int from, int count) {
        Vector whole = decoded[column];
        if (whole != null) return from == 0 && count == whole.rows() ? whole : Vectors.slice(whole, from, from + count);
        ColumnLayout layout = columns[column];
        if (layout instanceof ColumnLayout.Decoded d) {
            return from == 0 && count == d.rows() ? d.vector() : Vectors.slice(d.vector(), from, from + count);
        }
        if (layout instanceof ColumnLayout.Symbol s) {
            int[] values = new int[count];
            slice(s.indicesOffset() + from * 4, count * 4).asIntBuffer().get(values);
            return new BasicSymbolVector(base(s), values, false);
        }
        ColumnLayout.Fixed f = (ColumnLayout.Fixed) layout;
        Vector fast = VectorDecoder.decode(f.type(), slice(f.dataOffset() + from * f.unit(), count * f.unit()), count);
        if (fast != null) return fast;
        try {
            // the API's decoder for the rest (128-bit values, decimals): the column's whole entity
            int header = f.dataOffset() - (f.scale() >= 0 ? 12 : 8);
            Vector v = (Vector) BasicEntityFactory.instance().createEntity(DATA_FORM.DF_VECTOR, f.type(), new BufferInput(bytes, header), false);
            return from == 0 && count == v.rows() ? v : Vectors.slice(v, from, from + count);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to decode column " + names.get(column), e);
        }
    }

    /** The base of a symbol column, shared by every column and range that uses it, as the API's reader shares it. */
    synchronized SymbolBase base(ColumnLayout.Symbol s) {
        return bases.computeIfAbsent(s.baseOffset(), at -> {
            try {
                return new SymbolBase(0, new BufferInput(bytes, at));
            } catch (IOException e) {
                throw new IllegalStateException("Failed to decode a symbol base", e);
            }
        });
    }

    /** A little-endian view of bytes [offset, offset+length). */
    ByteBuffer slice(int offset, int length) {
        return bytes.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
