package io.ddbsync.standin.dfs;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.DictValue;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;
import io.ddbsync.standin.wire.EncodedTable;
import io.ddbsync.standin.wire.PieceTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A DFS table (partitioned, or a dimension table with a single partition "/"): its schema and the
 * segment files of each partition, indexed in memory and changed only through storage transactions.
 */
public final class DfsTable {
    /** How many segments a partition may collect before a write merges them into one. */
    private static final int MAX_SEGMENTS = 48;

    public record Column(String name, DATA_TYPE type, int scale) {
        public String typeString() {
            return Types.isDecimal(type) ? type.getName() + "(" + scale + ")" : type.getName();
        }
    }

    /** One segment file of a partition. */
    record Segment(Path file, int rows, long txid) {}

    /** What a listing of partitions reports. */
    public record PartitionInfo(String path, long rows, long version, long updateTime) {}

    private final Database db;
    private final String name;
    private final List<Column> columns;
    private final List<String> partitionColumns;
    private final List<String> sortColumns;
    private final String keepDuplicates;
    private final String physicalIndex;
    private final TreeMap<String, List<Segment>> partitions = new TreeMap<>();

    DfsTable(Database db, String name, List<Column> columns, List<String> partitionColumns, List<String> sortColumns,
             String keepDuplicates, String physicalIndex) {
        this.db = db;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.partitionColumns = List.copyOf(partitionColumns);
        this.sortColumns = List.copyOf(sortColumns);
        this.keepDuplicates = keepDuplicates;
        this.physicalIndex = physicalIndex;
    }

    public Database database() {
        return db;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    public boolean isDimension() {
        return partitionColumns.isEmpty();
    }

    public String physicalIndex() {
        return physicalIndex;
    }

    public List<String> sortColumns() {
        return sortColumns;
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(column)) return i;
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equalsIgnoreCase(column)) return i;
        return -1;
    }

    void validate() {
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name().toLowerCase())) throw new ScriptException("Duplicated column name " + c.name());
        }
        if (!isDimension() && partitionColumns.size() != db.levels().size()) {
            throw new ScriptException("The number of partitioning columns must match the number of partition levels of database " + db.path());
        }
        for (int i = 0; i < partitionColumns.size(); i++) {
            int at = columnIndex(partitionColumns.get(i));
            if (at < 0) throw new ScriptException("The partitioning column " + partitionColumns.get(i) + " doesn't exist in the table");
            DATA_TYPE ct = columns.get(at).type();
            PartitionScheme s = db.levels().get(i);
            boolean ok = ct == s.columnType()
                    || Types.isTemporal(ct) && Types.isTemporal(s.columnType()) && Temporals.hasDate(ct) == Temporals.hasDate(s.columnType())
                    || Types.isLiteral(ct) && Types.isLiteral(s.columnType())
                    || Types.isIntegral(ct) && Types.isIntegral(s.columnType());
            if (!ok) {
                throw new ScriptException("The data type of partitioning column " + partitionColumns.get(i) + " (" + ct.getName()
                        + ") doesn't match the partition scheme (" + s.columnType().getName() + ")");
            }
        }
        for (String s : sortColumns) {
            if (columnIndex(s) < 0) throw new ScriptException("The sort column " + s + " doesn't exist in the table");
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    public BasicTable emptyTable() {
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
            cols.add(Vectors.create(c.type(), 0, c.scale()));
        }
        return new BasicTable(names, cols);
    }

    /** Paths of the partitions that hold rows, in order. */
    public List<String> partitionPaths() {
        db.lock.readLock().lock();
        try {
            return new ArrayList<>(partitions.keySet());
        } finally {
            db.lock.readLock().unlock();
        }
    }

    /**
     * The paths of the partitions whose first-level directory is {@code dir} ("/dir" and
     * "/dir/..."), found in the sorted map: DolphinDB resolves a partition key to its chunks by
     * lookup, so naming one partition of a table of thousands does not visit them all.
     */
    public List<String> partitionPathsUnder(String dir) {
        String top = "/" + dir;
        db.lock.readLock().lock();
        try {
            List<String> out = new ArrayList<>();
            if (partitions.containsKey(top)) out.add(top);
            out.addAll(partitions.subMap(top + "/", true, top + "/" + Character.MAX_VALUE, false).keySet());
            return out;
        } finally {
            db.lock.readLock().unlock();
        }
    }

    public List<PartitionInfo> partitionInfos() {
        return partitionInfos("");
    }

    /**
     * The partitions whose paths start with {@code pathPrefix} ("" for all), found in the sorted
     * map, not by walking every partition: DolphinDB's controller looks a chunk up by its path, so
     * asking for one partition of a table of thousands costs no more than asking for one of ten.
     */
    public List<PartitionInfo> partitionInfos(String pathPrefix) {
        db.lock.readLock().lock();
        try {
            List<PartitionInfo> out = new ArrayList<>();
            Map<String, List<Segment>> selected = pathPrefix.isEmpty() ? partitions
                    : partitions.subMap(pathPrefix, true, pathPrefix + Character.MAX_VALUE, false);
            for (Map.Entry<String, List<Segment>> e : selected.entrySet()) {
                long rows = 0;
                long version = 0;
                for (Segment s : e.getValue()) {
                    rows += s.rows();
                    version = Math.max(version, s.txid());
                }
                out.add(new PartitionInfo(e.getKey(), rows, version, Catalog.txTime(version)));
            }
            return out;
        } finally {
            db.lock.readLock().unlock();
        }
    }

    public long rowCount() {
        return partitionInfos().stream().mapToLong(PartitionInfo::rows).sum();
    }

    /** All rows of one partition (an empty table when it has none). */
    public BasicTable read(String partitionPath) {
        List<Segment> segs;
        db.lock.readLock().lock();
        try {
            segs = new ArrayList<>(partitions.getOrDefault(partitionPath, List.of()));
            List<BasicTable> parts = new ArrayList<>();
            for (Segment s : segs) parts.add(Storage.readSegment(s.file()));
            return concat(parts);
        } finally {
            db.lock.readLock().unlock();
        }
    }

    /**
     * The rows of several tables one after another, under this table's column names. Tables still
     * reading from stored bytes stay that way (nothing is decoded); others are concatenated.
     */
    public BasicTable concat(List<BasicTable> parts) {
        if (parts.isEmpty()) return emptyTable();
        if (parts.size() == 1) return parts.get(0);
        List<String> names = new ArrayList<>();
        for (Column c : columns) names.add(c.name());
        if (parts.stream().allMatch(p -> p instanceof PieceTable pt && pt.isLazy())) {
            PieceTable lazy = PieceTable.concat(parts.stream().map(p -> (PieceTable) p).toList(), names);
            if (lazy != null) return lazy;
        }
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<Vector> pieces = new ArrayList<>();
            for (BasicTable t : parts) pieces.add(t.getColumn(c));
            cols.add(Vectors.concat(pieces));
        }
        return new BasicTable(names, cols);
    }

    /**
     * The rows of a write grouped by the partition they go to, keyed by partition path ("/20240101",
     * "/20240101/IBM") in order of each partition's first row. Rows outside the scheme are left out
     * (or fail, as {@link #handleOutside} decides). Only the partitioning columns are read; rows are
     * grouped by their partition indexes and a path is built once per partition.
     */
    Map<String, RowSet> routeForWrite(BasicTable data) {
        int n = data.rows();
        Map<String, RowSet> groups = new LinkedHashMap<>();
        if (isDimension()) {
            groups.put("/", RowSet.range(0, n));
            return groups;
        }
        List<PartitionScheme> levels = db.levels();
        int[][] idx = new int[levels.size()][];
        for (int l = 0; l < levels.size(); l++) {
            PartitionScheme scheme = levels.get(l);
            Vector col = data.getColumn(columnIndex(partitionColumns.get(l)));
            if (scheme.typeCode() == PartitionScheme.VALUE) {
                if (hasNull(col)) throw new ScriptException("The column used for value-partitioning cannot contain NULL values. RefId: S01001");
            }
            idx[l] = handleOutside(l, scheme, col, scheme.route(col));
        }
        PartitionGrouping grouping = PartitionGrouping.of(idx, n);
        for (int g = 0; g < grouping.count(); g++) {
            int[] at = grouping.indexes(g);
            StringBuilder path = new StringBuilder();
            for (int l = 0; l < levels.size(); l++) path.append('/').append(levels.get(l).dirName(at[l]));
            groups.merge(path.toString(), grouping.rows(g), RowSet::union);
        }
        return groups;
    }

    /** Whether a column holds a NULL: a scan of the raw values where the column is int- or long-backed. */
    private static boolean hasNull(Vector col) {
        int n = col.rows();
        if (col instanceof BasicLongVector lv) {
            long[] a = lv.getValues();
            for (int i = 0; i < n; i++) if (a[i] == Long.MIN_VALUE) return true;
            return false;
        }
        if (col instanceof BasicIntVector iv) {
            int[] a = iv.getValues();
            for (int i = 0; i < n; i++) if (a[i] == Integer.MIN_VALUE) return true;
            return false;
        }
        for (int i = 0; i < n; i++) if (col.isNull(i)) return true;
        return false;
    }

    /** Rows outside the scheme: VALUE follows newValuePartitionPolicy, RANGE and LIST fail, HASH drops NULLs. */
    private int[] handleOutside(int level, PartitionScheme scheme, Vector col, int[] idx) {
        boolean anyOutside = false;
        for (int i : idx) if (i < 0) {
            anyOutside = true;
            break;
        }
        if (!anyOutside) return idx;
        switch (scheme.typeCode()) {
            case PartitionScheme.VALUE -> {
                String policy = db.catalog().config("newValuePartitionPolicy", "skip");
                if (policy.equals("add")) {
                    PartitionScheme.Value v = (PartitionScheme.Value) scheme;
                    Vector converted = v.convertForRouting(col);
                    for (int i = 0; i < idx.length; i++) {
                        if (idx[i] < 0) idx[i] = v.add(Vectors.scalarAt(converted, i));
                    }
                    db.persistDomain();
                } else if (policy.equals("fail")) {
                    throw new ScriptException("Some of the data being written is not defined in the partitioning scheme of the target database. RefId:S01016");
                }
                return idx;
            }
            case PartitionScheme.HASH -> {
                return idx;
            }
            default -> throw new ScriptException("Some of the data being written is not defined in the partitioning scheme of the target database. RefId:S01016");
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    /**
     * Converts appended data to this table's columns, matched by position as append! does, or fails
     * with DolphinDB's errors (S01015 wrong column count, S05004 incompatible type) before anything is written.
     */
    public BasicTable conform(Table data) {
        if (data.columns() != columns.size()) {
            throw new ScriptException("The number of columns of the current table must match that of the target table. RefId:S01015.");
        }
        if (data instanceof PieceTable stored && stored.isLazy() && storedTypesMatch(stored)) {
            // nothing to convert: the stored bytes stay as they are, under this table's names
            List<String> names = new ArrayList<>();
            for (Column c : columns) names.add(c.name());
            return stored.renamed(names);
        }
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column target = columns.get(c);
            Vector v = data.getColumn(c);
            DATA_TYPE from = v.getDataType();
            if (!Types.compatibleForWrite(from, target.type())) {
                throw new ScriptException("The column [" + target.name() + "] expects type of " + target.typeString()
                        + ", but the actual type is " + from.getName() + ". RefId:S05004");
            }
            Vector converted = from == target.type() && (!Types.isDecimal(from) || Vectors.scale(v) == target.scale())
                    ? v : Casts.vector(v, target.type(), target.scale(), "append!");
            names.add(target.name());
            cols.add(converted);
        }
        return new BasicTable(names, cols);
    }

    /** Whether every column of stored rows already has this table's type (and decimal scale). */
    private boolean storedTypesMatch(PieceTable stored) {
        for (int c = 0; c < columns.size(); c++) {
            Column target = columns.get(c);
            if (stored.columnType(c) != target.type()) return false;
            if (Types.isDecimal(target.type()) && stored.columnScale(c) != target.scale()) return false;
        }
        return true;
    }

    /** Appends rows (append!, tableInsert). Returns the number of rows written. */
    public int append(Table input) {
        BasicTable data = conform(input);
        int n = data.rows();
        if (n == 0) return 0;
        Map<String, RowSet> groups = routeForWrite(data);
        int written = 0;
        for (RowSet rows : groups.values()) written += rows.size();
        long txid = db.catalog().nextTxid();
        db.claim(name, groups.keySet(), txid);
        Storage.Transaction tx = db.storage().begin(txid);
        try {
            Map<String, List<Segment>> added = new HashMap<>();
            Map<String, List<Segment>> replaced = new HashMap<>();
            for (Map.Entry<String, RowSet> g : groups.entrySet()) {
                String path = g.getKey();
                BasicTable rows = rowsOf(data, g.getValue());
                List<Segment> existing = currentSegments(path);
                if (!keepDuplicates.equals("ALL") || existing.size() + 1 > MAX_SEGMENTS) {
                    List<BasicTable> all = new ArrayList<>();
                    for (Segment s : existing) all.add(Storage.readSegment(s.file()));
                    all.add(rows);
                    BasicTable merged = keepDuplicates.equals("ALL") ? concat(all) : deduplicate(concat(all));
                    for (Segment s : existing) tx.remove(s.file());
                    Path file = tx.stage(path, name, merged);
                    replaced.put(path, List.of(new Segment(file, merged.rows(), txid)));
                } else {
                    Path file = stageAsReceived(tx, path, rows);
                    if (file == null) file = tx.stage(path, name, rows);
                    added.put(path, List.of(new Segment(file, rows.rows(), txid)));
                }
            }
            commit(tx, added, replaced);
        } finally {
            db.release(name, groups.keySet());
        }
        return written;
    }

    /**
     * Stages rows that are a whole upload, unchanged and under this table's column names, as the
     * file it was spooled to while it arrived; null when they are anything else.
     */
    private Path stageAsReceived(Storage.Transaction tx, String path, BasicTable rows) {
        if (!(rows instanceof PieceTable p)) return null;
        EncodedTable upload = p.wholeSource();
        return upload == null ? null : tx.stageUpload(path, name, upload);
    }

    /** The rows of a write that go to one partition; a range of stored rows stays in its bytes. */
    private static BasicTable rowsOf(BasicTable data, RowSet rows) {
        if (rows.size() == data.rows()) return data;
        if (rows.isRange()) return (BasicTable) data.getSubTable(rows.from(), rows.to() - 1);
        return (BasicTable) data.getSubTable(rows.list());
    }

    /** TSDB keepDuplicates=LAST/FIRST: one row per sortColumns key. */
    private BasicTable deduplicate(BasicTable t) {
        int n = t.rows();
        int[] keyCols = sortColumns.stream().mapToInt(this::columnIndex).toArray();
        Map<List<String>, Integer> keep = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> key = new ArrayList<>(keyCols.length);
            for (int c : keyCols) key.add(t.getColumn(c).getString(i));
            if (keepDuplicates.equals("LAST")) {
                keep.remove(key);
                keep.put(key, i);
            } else {
                keep.putIfAbsent(key, i);
            }
        }
        int[] idx = keep.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        return idx.length == n ? t : (BasicTable) t.getSubTable(idx);
    }

    private List<Segment> currentSegments(String path) {
        db.lock.readLock().lock();
        try {
            return new ArrayList<>(partitions.getOrDefault(path, List.of()));
        } finally {
            db.lock.readLock().unlock();
        }
    }

    private void commit(Storage.Transaction tx, Map<String, List<Segment>> added, Map<String, List<Segment>> replaced) {
        db.lock.writeLock().lock();
        try {
            tx.commit();
            added.forEach((p, segs) -> partitions.computeIfAbsent(p, k -> new ArrayList<>()).addAll(segs));
            replaced.forEach((p, segs) -> {
                if (segs.isEmpty()) partitions.remove(p);
                else partitions.put(p, new ArrayList<>(segs));
            });
        } finally {
            db.lock.writeLock().unlock();
        }
    }

    /** Replaces the rows of some partitions (delete, update, restore); an empty table removes the partition's rows. */
    public void replacePartitions(Map<String, BasicTable> newRows) {
        if (newRows.isEmpty()) return;
        long txid = db.catalog().nextTxid();
        db.claim(name, newRows.keySet(), txid);
        Storage.Transaction tx = db.storage().begin(txid);
        try {
            Map<String, List<Segment>> replaced = new HashMap<>();
            for (Map.Entry<String, BasicTable> e : newRows.entrySet()) {
                for (Segment s : currentSegments(e.getKey())) tx.remove(s.file());
                BasicTable rows = e.getValue();
                if (rows.rows() > 0) {
                    Path file = tx.stage(e.getKey(), name, conform(rows));
                    replaced.put(e.getKey(), List.of(new Segment(file, rows.rows(), txid)));
                } else {
                    replaced.put(e.getKey(), List.of());
                }
            }
            commit(tx, Map.of(), replaced);
        } finally {
            db.release(name, newRows.keySet());
        }
    }

    public void dropPartitions(Collection<String> paths) {
        Map<String, BasicTable> empty = new LinkedHashMap<>();
        for (String p : paths) empty.put(p, emptyTable());
        replacePartitions(empty);
    }

    public void truncate() {
        dropPartitions(partitionPaths());
    }

    void dropFiles() {
        try {
            for (String p : new ArrayList<>(partitions.keySet())) Storage.deleteTree(db.storage().chunkDir(p, name));
            Files.deleteIfExists(db.storage().root().resolve(name + ".tbl"));
            partitions.clear();
        } catch (IOException e) {
            throw new ScriptException("Failed to drop table " + name + ": " + e.getMessage());
        }
    }

    // ---- schema -------------------------------------------------------------------------------

    public BasicTable colDefs() {
        return colDefs(columns);
    }

    /** The colDefs table of schema() (name, typeString, typeInt, extra, comment) for these columns; backups show the same. */
    public static BasicTable colDefs(List<Column> columns) {
        int n = columns.size();
        String[] names = new String[n];
        String[] typeStrings = new String[n];
        int[] typeInts = new int[n];
        int[] extra = new int[n];
        String[] comments = new String[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            names[i] = c.name();
            typeStrings[i] = c.typeString();
            typeInts[i] = c.type().getValue();
            extra[i] = Types.isDecimal(c.type()) ? c.scale() : Integer.MIN_VALUE;
            comments[i] = "";
        }
        return new BasicTable(List.of("name", "typeString", "typeInt", "extra", "comment"),
                List.of(new BasicStringVector(names), new BasicStringVector(typeStrings), new BasicIntVector(typeInts),
                        new BasicIntVector(extra), new BasicStringVector(comments)));
    }

    /** schema(loadTable(...)): the dictionary fields the manual lists. */
    public DictValue schema() {
        DictValue d = new DictValue();
        d.put("colDefs", colDefs());
        d.put("engineType", new BasicString(db.engine()));
        d.put("tableName", new BasicString(name));
        d.put("dbUrl", new BasicString(db.path()));
        d.put("chunkGranularity", new BasicString("TABLE"));
        d.put("tableOwner", new BasicString("admin"));
        if (db.engine().equals("TSDB")) {
            d.put("sortColumns", new BasicStringVector(sortColumns.toArray(new String[0])));
            d.put("keepDuplicates", new BasicString(keepDuplicates));
        }
        if (isDimension()) {
            d.put("partitionColumnIndex", new BasicInt(-1));
            return d;
        }
        List<PartitionScheme> levels = db.levels();
        if (levels.size() == 1) {
            PartitionScheme s = levels.get(0);
            d.put("partitionColumnName", new BasicString(partitionColumns.get(0)));
            d.put("partitionColumnIndex", new BasicInt(columnIndex(partitionColumns.get(0))));
            d.put("partitionColumnType", new BasicInt(s.columnType().getValue()));
            d.put("partitionType", new BasicInt(s.typeCode()));
            d.put("partitionTypeName", new BasicString(s.typeName()));
            d.put("partitionSchema", s.schemaEntity());
        } else {
            int n = levels.size();
            int[] idx = new int[n];
            int[] types = new int[n];
            int[] colTypes = new int[n];
            String[] typeNames = new String[n];
            BasicAnyVector schemes = new BasicAnyVector(n);
            for (int i = 0; i < n; i++) {
                idx[i] = columnIndex(partitionColumns.get(i));
                types[i] = levels.get(i).typeCode();
                colTypes[i] = levels.get(i).columnType().getValue();
                typeNames[i] = levels.get(i).typeName();
                schemes.setEntity(i, levels.get(i).schemaEntity());
            }
            d.put("partitionColumnName", new BasicStringVector(partitionColumns.toArray(new String[0])));
            d.put("partitionColumnIndex", new BasicIntVector(idx));
            d.put("partitionColumnType", new BasicIntVector(colTypes));
            d.put("partitionType", new BasicIntVector(types));
            d.put("partitionTypeName", new BasicStringVector(typeNames));
            d.put("partitionSchema", schemes);
        }
        return d;
    }

    // ---- persistence --------------------------------------------------------------------------

    void persist() {
        BasicAnyVector meta = new BasicAnyVector(6);
        meta.setEntity(0, colDefs());
        meta.setEntity(1, new BasicStringVector(partitionColumns.toArray(new String[0])));
        meta.setEntity(2, new BasicStringVector(sortColumns.toArray(new String[0])));
        meta.setEntity(3, new BasicString(keepDuplicates));
        meta.setEntity(4, new BasicString(physicalIndex));
        meta.setEntity(5, new BasicBoolean(isDimension()));
        try {
            Files.createDirectories(db.storage().root());
            Storage.writeAtomically(db.storage().root().resolve(name + ".tbl"), meta);
        } catch (IOException e) {
            throw new ScriptException("Failed to save table " + name + ": " + e.getMessage());
        }
    }

    static DfsTable load(Database db, Path file) throws IOException {
        BasicAnyVector meta = (BasicAnyVector) Storage.readEntity(file);
        BasicTable defs = (BasicTable) meta.getEntity(0);
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < defs.rows(); i++) {
            int extra = ((BasicIntVector) defs.getColumn("extra")).getInt(i);
            cols.add(new Column(defs.getColumn("name").getString(i),
                    DATA_TYPE.valueOf(((BasicIntVector) defs.getColumn("typeInt")).getInt(i)), extra == Integer.MIN_VALUE ? 0 : extra));
        }
        String tableName = file.getFileName().toString().replace(".tbl", "");
        DfsTable t = new DfsTable(db, tableName, cols,
                List.of(Vectors.strings((Vector) meta.getEntity(1))), List.of(Vectors.strings((Vector) meta.getEntity(2))),
                meta.getEntity(3).getString(), meta.getEntity(4).getString());
        t.scanSegments();
        return t;
    }

    /** Rebuilds the in-memory index of segments from the files on disk. */
    private void scanSegments() throws IOException {
        Path chunks = db.storage().root().resolve("chunks");
        if (!Files.isDirectory(chunks)) return;
        try (Stream<Path> s = Files.walk(chunks)) {
            for (Path f : s.filter(p -> p.toString().endsWith(Storage.SEGMENT_SUFFIX)).sorted().toList()) {
                Path tableDir = f.getParent();
                if (!tableDir.getFileName().toString().equals(name)) continue;
                Path rel = chunks.relativize(tableDir.getParent() == null ? chunks : tableDir.getParent());
                String path = "/" + rel.toString().replace('\\', '/');
                if (isDimension() != path.equals("/")) continue;
                int depth = path.equals("/") ? 0 : path.split("/").length - 1;
                if (!isDimension() && depth != db.levels().size()) continue;
                String fileName = f.getFileName().toString();
                long txid = Long.parseLong(fileName.substring(0, fileName.indexOf('-')));
                partitions.computeIfAbsent(path, k -> new ArrayList<>()).add(new Segment(f, Storage.segmentRows(f), txid));
            }
        }
        for (List<Segment> segs : partitions.values()) segs.sort(Comparator.comparingLong(Segment::txid).thenComparing(x -> x.file().toString()));
    }
}
