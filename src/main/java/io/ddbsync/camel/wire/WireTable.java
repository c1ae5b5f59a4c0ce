package io.ddbsync.camel.wire;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.io.ExtendedDataOutput;
import com.xxdb.io.LittleEndianDataInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block of a query's result kept in the form the server sent it (a table entity, reference
 * docs/wire-protocol.md §5.7): each column is the bytes of its vector, never decoded into Java
 * values. Appending it to another cluster sends those bytes as they are ({@link #writeTo}, over a
 * {@link WireConnection}), so a block copied between two clusters costs the runner a copy of its
 * bytes, where decoding and encoding it through the API's BasicTable costs several times that and
 * makes most of the runner's garbage.
 * <p>
 * Carries the types whose wire form and digest image are exact and simple ({@link #carries}):
 * integral, temporal, FLOAT, DOUBLE, STRING and SYMBOL. {@link #toBasicTable()} decodes it with
 * the API, for whatever needs values.
 */
public final class WireTable implements Entity {
    private static final int VECTOR_FORM = DATA_FORM.DF_VECTOR.ordinal();
    private static final int SYMBOL = DATA_TYPE.DT_SYMBOL.getValue();
    private static final int STRING = DATA_TYPE.DT_STRING.getValue();

    /**
     * One column: its vector's bytes ({@code length} of {@code bytes}, from its 2-byte header on) and
     * where its values start. A SYMBOL column sent with a symbol base ({@code symbols} not null)
     * holds an INT index per row into those symbols; one sent as text holds zero-ended strings, as a
     * STRING column does.
     */
    public record Column(String name, DATA_TYPE type, byte[] bytes, int length, int valuesAt, String[] symbols) {
    }

    private final byte[] header;
    private final int rows;
    private final List<Column> columns;

    private WireTable(byte[] header, int rows, List<Column> columns) {
        this.header = header;
        this.rows = rows;
        this.columns = columns;
    }

    /** Whether blocks of a column of this type can be kept in wire form. */
    public static boolean carries(DATA_TYPE type) {
        return type == DATA_TYPE.DT_STRING || type == DATA_TYPE.DT_SYMBOL || width(type) > 0;
    }

    /** The bytes of one value of a fixed-width type this class carries; 0 for text and the types it does not carry. */
    public static int width(DATA_TYPE type) {
        return switch (type) {
            case DT_BOOL, DT_BYTE -> 1;
            case DT_SHORT -> 2;
            case DT_INT, DT_DATE, DT_MONTH, DT_TIME, DT_MINUTE, DT_SECOND, DT_DATETIME, DT_DATEHOUR, DT_FLOAT -> 4;
            case DT_LONG, DT_TIMESTAMP, DT_NANOTIME, DT_NANOTIMESTAMP, DT_DOUBLE -> 8;
            default -> 0;
        };
    }

    /** Reads one table entity, its 2-byte header first, as {@code BasicTable.write} or a server writes it. */
    public static WireTable read(java.io.InputStream in) throws IOException {
        WireInput wire = new WireInput(in);
        short flag = wire.readShort();
        if (((flag >> 8) & 0xff) != DATA_FORM.DF_TABLE.ordinal()) throw new IOException("Not a table: form " + ((flag >> 8) & 0xff));
        return read(wire, flag);
    }

    /** A symbol base met in the table being read: the id it goes on with, and its symbols. */
    private record Base(int id, String[] symbols) {}

    /**
     * Reads a table entity whose 2-byte header {@code flag} was just read. Symbol bases are numbered
     * per table: a column may reuse a base an earlier column of the same table sent (§5.4). They go
     * on numbered 0, 1, 2... in the order they appear, as the API's BasicTable.write numbers them,
     * whatever ids the server gave them: a table sent on is one the target could have had from the
     * API.
     */
    static WireTable read(WireInput in, short flag) throws IOException {
        int rows = in.readInt();
        int cols = in.readInt();
        WireInput.Bytes head = new WireInput.Bytes(64);
        head.writeShort(flag);
        head.writeInt(rows);
        head.writeInt(cols);
        String[] names = new String[cols + 1];
        for (int i = 0; i <= cols; i++) {
            // the table's name, then its column names
            int at = head.length();
            in.copyCStrings(1, head);
            names[i] = new String(head.array(), at, head.length() - at - 1, StandardCharsets.UTF_8);
        }
        Map<Integer, Base> bases = new HashMap<>();
        List<Column> columns = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) columns.add(readColumn(in, names[c + 1], rows, bases));
        return new WireTable(java.util.Arrays.copyOf(head.array(), head.length()), rows, Collections.unmodifiableList(columns));
    }

    private static Column readColumn(WireInput in, String name, int tableRows, Map<Integer, Base> bases) throws IOException {
        int flag = in.readShort() & 0xffff;
        int form = flag >> 8;
        int typeCode = flag & 0x7f;
        boolean symbolBase = (flag & 0x80) != 0;
        DATA_TYPE type = typeOf(typeCode);
        if (form != VECTOR_FORM || type == null || !carries(type)) {
            throw new IOException("Column '" + name + "' came as form " + form + ", type " + (type == null ? typeCode : type)
                    + ", which a block in wire form does not carry (read it as BasicTable blocks: outputType streamList)");
        }
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows != tableRows || cols != 1) {
            throw new IOException("Column '" + name + "' came as " + rows + " x " + cols + " values in a block of " + tableRows + " rows");
        }
        int w = width(type);
        WireInput.Bytes bytes = new WireInput.Bytes(10 + (w > 0 ? w : 8) * Math.max(rows, 1));
        bytes.writeShort(flag);
        bytes.writeInt(rows);
        bytes.writeInt(cols);
        String[] symbols = null;
        if (w > 0) {
            in.copy(w * rows, bytes);
        } else if (typeCode == SYMBOL && symbolBase) {
            int baseId = in.readInt();
            int baseSize = in.readInt();
            // as the API reads it: an id met before in this table is reused (and sends no symbols), a new id brings its base, maybe empty
            Base base = bases.get(baseId);
            if (base != null) {
                if (baseSize != 0) throw new IOException("Column '" + name + "' sends symbol base " + baseId + " a second time: invalid symbol base");
                bytes.writeInt(base.id());
                bytes.writeInt(0);
            } else {
                base = new Base(bases.size(), new String[baseSize]);
                bases.put(baseId, base);
                bytes.writeInt(base.id());
                bytes.writeInt(baseSize);
                for (int i = 0; i < baseSize; i++) {
                    int at = bytes.length();
                    in.copyCStrings(1, bytes);
                    base.symbols()[i] = new String(bytes.array(), at, bytes.length() - at - 1, StandardCharsets.UTF_8);
                }
            }
            symbols = base.symbols();
            int valuesAt = bytes.length();
            in.copy(4 * rows, bytes);
            return new Column(name, type, bytes.array(), bytes.length(), valuesAt, symbols);
        } else if (typeCode == STRING || typeCode == SYMBOL) {
            in.copyCStrings(rows, bytes);
        }
        return new Column(name, type, bytes.array(), bytes.length(), 10, symbols);
    }

    private static DATA_TYPE typeOf(int code) {
        try {
            return DATA_TYPE.valueOf(code);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The columns in table order. */
    public List<Column> getColumns() {
        return columns;
    }

    public String getColumnName(int i) {
        return columns.get(i).name();
    }

    /** Bytes of the values (what the rows weigh on the wire, headers and symbol bases left out). */
    public long valueBytes() {
        long n = 0;
        for (Column c : columns) n += c.length() - c.valuesAt();
        return n;
    }

    /** The block decoded by the API, as a query with outputType streamList would have returned it. */
    public BasicTable toBasicTable() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(header, 2, header.length - 2);
        for (Column c : columns) all.write(c.bytes(), 0, c.length());
        return new BasicTable(new LittleEndianDataInputStream(new ByteArrayInputStream(all.toByteArray())));
    }

    /** The table as the server sent it: the table's header, then each column's vector, each as one array. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(header, 0, header.length);
        for (Column c : columns) out.write(c.bytes(), 0, c.length());
    }

    /**
     * The same bytes through the API's writer, which passes arrays on a byte at a time: correct
     * but slow, so the component sends blocks in wire form over its own connections
     * ({@link #writeTo}).
     */
    @Override
    public void write(ExtendedDataOutput out) throws IOException {
        out.write(header, 0, header.length);
        for (Column c : columns) out.write(c.bytes(), 0, c.length());
    }

    @Override
    public DATA_FORM getDataForm() {
        return DATA_FORM.DF_TABLE;
    }

    @Override
    public DATA_CATEGORY getDataCategory() {
        return DATA_CATEGORY.MIXED;
    }

    /** What the API's BasicTable reports (and writes in a table's header). */
    @Override
    public DATA_TYPE getDataType() {
        return DATA_TYPE.DT_DICTIONARY;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns.size();
    }

    @Override
    public String getString() {
        return "table of " + rows + " rows in wire form, columns " + columns.stream().map(c -> c.name() + " " + c.type()).toList();
    }

    @Override
    public String toString() {
        return getString();
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isVector() {
        return false;
    }

    @Override
    public boolean isPair() {
        return false;
    }

    @Override
    public boolean isTable() {
        return true;
    }

    @Override
    public boolean isMatrix() {
        return false;
    }

    @Override
    public boolean isDictionary() {
        return false;
    }

    @Override
    public boolean isChart() {
        return false;
    }

    @Override
    public boolean isChunk() {
        return false;
    }
}
