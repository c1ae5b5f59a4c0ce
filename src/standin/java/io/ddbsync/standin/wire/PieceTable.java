package io.ddbsync.standin.wire;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Table;
import com.xxdb.data.Vector;
import com.xxdb.io.ExtendedDataOutput;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table whose rows are row ranges ("pieces") of encoded tables, one after another: the segments
 * of the partitions a query reads, or a table a client uploaded. To the interpreter it is a
 * BasicTable; a column is decoded only when something asks for it, and written to a client or a
 * segment file the stored bytes go out as they are, so a full scan neither decodes nor encodes.
 *
 * <p>Until something changes it, the state lives here and the BasicTable fields underneath hold
 * only empty placeholder columns; every public method of BasicTable is overridden accordingly.
 * The first change (setColumns, addColumn...) decodes everything into the BasicTable, which from
 * then on answers as a plain one.
 */
public final class PieceTable extends BasicTable {

    /** Rows [start, start+rows) of an encoded table. */
    record Piece(EncodedTable source, int start, int rows) {
    }

    private final List<String> names;
    private final int[] sourceColumns;
    private final List<Piece> pieces;
    private final int rows;
    private final Vector[] decoded;
    private boolean materialized;
    /** False while BasicTable's constructor runs: it calls setColName and setColumns itself. */
    private final boolean constructed;

    private PieceTable(List<String> names, int[] sourceColumns, List<Piece> pieces) {
        super(names, placeholders(pieces.get(0).source(), sourceColumns));
        this.names = List.copyOf(names);
        this.sourceColumns = sourceColumns;
        this.pieces = List.copyOf(pieces);
        int n = 0;
        for (Piece p : pieces) n += p.rows();
        this.rows = n;
        this.decoded = new Vector[names.size()];
        this.constructed = true;
    }

    private static List<Vector> placeholders(EncodedTable source, int[] columns) {
        List<Vector> out = new ArrayList<>(columns.length);
        for (int c : columns) out.add(Vectors.create(source.type(c), 0, Math.max(source.scale(c), 0)));
        return out;
    }

    /** Every row and column of an encoded table, under its own column names. */
    public static PieceTable of(EncodedTable table) {
        int[] all = new int[table.columns()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return new PieceTable(table.names(), all, List.of(new Piece(table, 0, table.rows())));
    }

    /**
     * The rows of several tables one after another under the given names, or null when their
     * columns differ in number, type or scale (the caller then concatenates decoded columns).
     */
    public static PieceTable concat(List<PieceTable> parts, List<String> names) {
        if (parts.isEmpty()) return null;
        PieceTable first = parts.get(0);
        int cols = first.sourceColumns.length;
        if (names.size() != cols) return null;
        List<Piece> pieces = new ArrayList<>();
        for (PieceTable p : parts) {
            if (p.materialized || p.sourceColumns.length != cols) return null;
            for (int c = 0; c < cols; c++) {
                if (p.columnType(c) != first.columnType(c) || p.columnScale(c) != first.columnScale(c)) return null;
            }
            if (!Arrays.equals(p.sourceColumns, first.sourceColumns)) return null;
            pieces.addAll(p.pieces);
        }
        return new PieceTable(names, first.sourceColumns, pieces);
    }

    /** The same rows with some columns, in the given order and under the given names. */
    public PieceTable select(int[] columns, List<String> newNames) {
        if (materialized) throw new IllegalStateException("changed tables are not projected lazily");
        int[] mapped = new int[columns.length];
        for (int i = 0; i < columns.length; i++) mapped[i] = sourceColumns[columns[i]];
        PieceTable t = new PieceTable(newNames, mapped, pieces);
        for (int i = 0; i < columns.length; i++) t.decoded[i] = decoded[columns[i]];
        return t;
    }

    /** The same table under other column names. */
    public PieceTable renamed(List<String> newNames) {
        int[] all = new int[names.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return select(all, newNames);
    }

    /** Whether the table still reads its rows from encoded bytes (nothing has changed it). */
    public boolean isLazy() {
        return !materialized;
    }

    /**
     * The encoded table this one is, whole and unchanged: every row of one upload or segment,
     * every column in order, under that table's own names (so its bytes are a segment of this
     * table as they are); null otherwise.
     */
    public EncodedTable wholeSource() {
        if (materialized || pieces.size() != 1) return null;
        Piece p = pieces.get(0);
        EncodedTable source = p.source();
        if (p.start() != 0 || p.rows() != source.rows() || sourceColumns.length != source.columns()) return null;
        for (int c = 0; c < sourceColumns.length; c++) if (sourceColumns[c] != c) return null;
        return source.names().equals(names) && source.regular() ? source : null;
    }

    public DATA_TYPE columnType(int column) {
        return pieces.get(0).source().type(sourceColumns[column]);
    }

    /** Decimal scale of a column, -1 when it has none. */
    public int columnScale(int column) {
        return pieces.get(0).source().scale(sourceColumns[column]);
    }

    // ---- reading --------------------------------------------------------------------------------

    @Override
    public int rows() {
        return materialized ? super.rows() : rows;
    }

    @Override
    public int columns() {
        return materialized ? super.columns() : names.size();
    }

    @Override
    public String getColumnName(int index) {
        return materialized ? super.getColumnName(index) : names.get(index);
    }

    @Override
    public Vector getColumn(int index) {
        return materialized ? super.getColumn(index) : column(index);
    }

    @Override
    public Vector getColumn(String name) {
        if (materialized) return super.getColumn(name);
        int at = names.lastIndexOf(name); // as BasicTable's name index has it: a repeated name is its last column
        return at < 0 ? null : column(at);
    }

    private Vector column(int index) {
        Vector v = decoded[index];
        if (v == null) v = decoded[index] = decodeRange(index, 0, rows);
        return v;
    }

    /** Rows [start, start+count) of a column, decoded. */
    Vector decodeRange(int column, int start, int count) {
        Vector whole = decoded[column];
        if (whole != null) return start == 0 && count == whole.rows() ? whole : Vectors.slice(whole, start, start + count);
        List<Vector> parts = new ArrayList<>();
        int src = sourceColumns[column];
        for (Piece r : ranges(start, count)) parts.add(r.source().decode(src, r.start(), r.rows()));
        if (parts.isEmpty()) return Vectors.create(columnType(column), 0, Math.max(columnScale(column), 0));
        return Vectors.concat(parts);
    }

    @Override
    public Table getSubTable(int[] indices) {
        if (materialized) return super.getSubTable(indices);
        List<Vector> cols = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) cols.add(column(c).getSubVector(indices));
        return new BasicTable(names, cols);
    }

    /** Rows startRow..endRow (both included, as the API has it), still reading from the encoded bytes. */
    @Override
    public Table getSubTable(int startRow, int endRow) {
        if (materialized) return super.getSubTable(startRow, endRow);
        List<Piece> sub = ranges(startRow, endRow - startRow + 1);
        if (sub.isEmpty()) return getSubTable(new int[0]);
        return new PieceTable(names, sourceColumns, sub);
    }

    private BasicTable plain() {
        if (materialized) return this;
        List<Vector> cols = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) cols.add(column(c));
        return new BasicTable(names, cols);
    }

    @Override
    public String getString() {
        return materialized ? super.getString() : plain().getString();
    }

    @Override
    public String getRowJson(int rowIndex) {
        return materialized ? super.getRowJson(rowIndex) : plain().getRowJson(rowIndex);
    }

    @Override
    public BasicTable combine(BasicTable table) {
        return materialized ? super.combine(table) : plain().combine(table);
    }

    // ---- writing --------------------------------------------------------------------------------

    @Override
    public void write(ExtendedDataOutput out) throws IOException {
        if (materialized) super.write(out);
        else if (out instanceof WireDataOutput w) TableWriter.write(this, 0, rows, w);
        else plain().write(out);
    }

    @Override
    public void writeCompressed(ExtendedDataOutput out) throws IOException {
        if (materialized) super.writeCompressed(out);
        else plain().writeCompressed(out);
    }

    /**
     * Writes rows [start, start+count) of a column as a vector entity. When every piece in the
     * range holds the column as fixed-width values, or as symbols over the same base, the stored
     * bytes are copied; otherwise the range is decoded and encoded.
     */
    void writeColumn(int column, int start, int count, WireDataOutput out, VectorWriter.SymbolIds ids) throws IOException {
        List<Piece> ranges = ranges(start, count);
        int src = sourceColumns[column];
        if (!ranges.isEmpty() && spliceFixed(ranges, src, count, out)) return;
        if (!ranges.isEmpty() && spliceSymbols(ranges, src, count, out, ids)) return;
        Vector v = decodeRange(column, start, count);
        VectorWriter.write(v, 0, v.rows(), out, ids);
    }

    private static boolean spliceFixed(List<Piece> ranges, int src, int count, WireDataOutput out) throws IOException {
        if (!(ranges.get(0).source().layout(src) instanceof ColumnLayout.Fixed first)) return false;
        for (Piece r : ranges) {
            if (!(r.source().layout(src) instanceof ColumnLayout.Fixed f) || f.type() != first.type() || f.scale() != first.scale()
                    || f.rows() != r.source().rows()) {
                return false;
            }
        }
        VectorWriter.header(first.type(), count, out);
        if (first.scale() >= 0) out.writeInt(first.scale());
        for (Piece r : ranges) {
            ColumnLayout.Fixed f = (ColumnLayout.Fixed) r.source().layout(src);
            out.write(r.source().bytes(), f.dataOffset() + r.start() * f.unit(), r.rows() * f.unit());
        }
        return true;
    }

    private static boolean spliceSymbols(List<Piece> ranges, int src, int count, WireDataOutput out, VectorWriter.SymbolIds ids) throws IOException {
        if (!(ranges.get(0).source().layout(src) instanceof ColumnLayout.Symbol first)) return false;
        EncodedTable firstSource = ranges.get(0).source();
        int baseLength = first.baseEnd() - first.baseOffset();
        for (Piece r : ranges) {
            if (!(r.source().layout(src) instanceof ColumnLayout.Symbol s) || s.rows() != r.source().rows()) return false;
            // the same base, byte for byte, lets the indices through unchanged
            if (s.baseEnd() - s.baseOffset() != baseLength
                    || r.source().slice(s.baseOffset(), baseLength).mismatch(firstSource.slice(first.baseOffset(), baseLength)) >= 0) {
                return false;
            }
        }
        out.writeShort((Entity.DATA_FORM.DF_VECTOR.ordinal() << 8) | (DATA_TYPE.DT_SYMBOL.getValue() + 128));
        out.writeInt(count);
        out.writeInt(1);
        out.writeInt(ids.next());
        out.write(firstSource.bytes(), first.baseOffset(), baseLength);
        for (Piece r : ranges) {
            ColumnLayout.Symbol s = (ColumnLayout.Symbol) r.source().layout(src);
            out.write(r.source().bytes(), s.indicesOffset() + r.start() * 4, r.rows() * 4);
        }
        return true;
    }

    /** Each piece's part of rows [start, start+count), as pieces of the same encoded tables. */
    private List<Piece> ranges(int start, int count) {
        List<Piece> out = new ArrayList<>();
        int end = start + count;
        int at = 0;
        for (Piece p : pieces) {
            int pEnd = at + p.rows();
            int from = Math.max(start, at);
            int to = Math.min(end, pEnd);
            if (from < to) out.add(new Piece(p.source(), p.start() + from - at, to - from));
            if (pEnd >= end) break;
            at = pEnd;
        }
        return out;
    }

    // ---- changes: from here on a plain BasicTable -------------------------------------------------

    private void materialize() {
        if (materialized) return;
        List<Vector> cols = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) cols.add(column(c));
        super.setColName(names);
        super.setColumns(cols);
        materialized = true;
    }

    @Override
    public void setColName(List<String> colNames) {
        if (constructed) materialize();
        super.setColName(colNames);
    }

    @Override
    public void setColumns(List<Vector> cols) {
        if (constructed) materialize();
        super.setColumns(cols);
    }

    @Override
    public void addColumn(String colName, Vector col) {
        materialize();
        super.addColumn(colName, col);
    }

    @Override
    public void replaceColName(String originalColName, String newColName) {
        materialize();
        super.replaceColName(originalColName, newColName);
    }

    @Override
    public void replaceColumn(String colName, Vector col) {
        materialize();
        super.replaceColumn(colName, col);
    }

    @Override
    public void setColumnCompressTypes(int[] colCompresses) {
        materialize();
        super.setColumnCompressTypes(colCompresses);
    }

    @Override
    public int[] getColumnCompressTypes() {
        return super.getColumnCompressTypes();
    }
}
