package io.ddbsync.standin.dfs;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A DFS database: its partitioning levels, engine, tables, and files. */
public final class Database {
    private final Catalog catalog;
    private final String path;
    private final List<PartitionScheme> levels;
    private final String engine;
    private final String atomic;
    private final Storage storage;
    private final Map<String, DfsTable> tables = new LinkedHashMap<>();
    /** Guards the in-memory index of segments: readers share it, a commit takes it alone. */
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Partitions (table + path) inside a running write transaction: a second writer fails with S00002. */
    private final Map<String, Long> busy = new HashMap<>();

    Database(Catalog catalog, String path, List<PartitionScheme> levels, String engine, String atomic, Path dir) {
        this.catalog = catalog;
        this.path = path;
        this.levels = levels;
        this.engine = engine;
        this.atomic = atomic;
        this.storage = new Storage(dir);
    }

    public Catalog catalog() {
        return catalog;
    }

    public String path() {
        return path;
    }

    /** The name after dfs://, as backup directories and chunk paths use it. */
    public String name() {
        return path.substring("dfs://".length());
    }

    public List<PartitionScheme> levels() {
        return levels;
    }

    public boolean isCompo() {
        return levels.size() > 1;
    }

    public String engine() {
        return engine;
    }

    public String atomic() {
        return atomic;
    }

    public Storage storage() {
        return storage;
    }

    public synchronized Collection<DfsTable> tables() {
        return new ArrayList<>(tables.values());
    }

    public synchronized DfsTable table(String name) {
        return tables.get(name);
    }

    public synchronized DfsTable requireTable(String name) {
        DfsTable t = tables.get(name);
        if (t == null) throw new ScriptException("Table [" + name + "] does not exist in database [" + path + "]");
        return t;
    }

    synchronized void register(DfsTable t) {
        tables.put(t.name(), t);
    }

    public synchronized DfsTable createTable(String name, List<DfsTable.Column> columns, List<String> partitionColumns,
                                             List<String> sortColumns, String keepDuplicates) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ScriptException("Invalid table name [" + name + "]: a table name must start with a letter and contain only letters, digits and underscores");
        }
        if (tables.containsKey(name)) throw new ScriptException("Table [" + name + "] already exists in database [" + path + "]");
        if (engine.equals("TSDB") && (sortColumns == null || sortColumns.isEmpty())) {
            throw new ScriptException("sortColumns must be specified for a table in a TSDB database");
        }
        String physical = Integer.toString(catalog.nextPhysicalIndex(), 36);
        DfsTable t = new DfsTable(this, name, columns, partitionColumns, sortColumns == null ? List.of() : sortColumns,
                keepDuplicates == null ? "ALL" : keepDuplicates, physical);
        t.validate();
        t.persist();
        tables.put(name, t);
        return t;
    }

    public synchronized void dropTable(String name) {
        DfsTable t = requireTable(name);
        lock.writeLock().lock();
        try {
            t.dropFiles();
            tables.remove(name);
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- write conflicts ----------------------------------------------------------------------

    /** Claims partitions for a write transaction, failing as DolphinDB does when another transaction holds one. */
    void claim(String table, Collection<String> partitions, long txid) {
        synchronized (busy) {
            for (String p : partitions) {
                Long owner = busy.get(table + p);
                if (owner != null) {
                    throw new ScriptException("The openChunks operation failed because the chunk '" + "/" + name() + p
                            + "' is currently locked and in use by transaction " + owner + ". RefId:S00002");
                }
            }
            for (String p : partitions) busy.put(table + p, txid);
        }
    }

    void release(String table, Collection<String> partitions) {
        synchronized (busy) {
            for (String p : partitions) busy.remove(table + p);
        }
    }

    // ---- persistence --------------------------------------------------------------------------

    public void persistDomain() {
        try {
            Files.createDirectories(storage.root());
            BasicAnyVector domain = new BasicAnyVector(3 + 2 * levels.size());
            domain.setEntity(0, new BasicString(engine));
            domain.setEntity(1, new BasicString(atomic));
            domain.setEntity(2, new BasicInt(levels.size()));
            for (int i = 0; i < levels.size(); i++) {
                PartitionScheme s = levels.get(i);
                domain.setEntity(3 + 2 * i, new BasicInt(s.typeCode()));
                Entity scheme = s.schemaEntity();
                if (s instanceof PartitionScheme.Hash h) {
                    BasicAnyVector pair = new BasicAnyVector(2);
                    pair.setEntity(0, new BasicInt(h.columnType().getValue()));
                    pair.setEntity(1, scheme);
                    scheme = pair;
                }
                domain.setEntity(4 + 2 * i, scheme);
            }
            Storage.writeAtomically(storage.root().resolve("domain"), domain);
        } catch (IOException e) {
            throw new ScriptException("Failed to save the domain of database " + path + ": " + e.getMessage());
        }
    }

    static Database load(Catalog catalog, Path dir) throws IOException {
        BasicAnyVector domain = (BasicAnyVector) Storage.readEntity(dir.resolve("domain"));
        String engine = domain.getEntity(0).getString();
        String atomic = domain.getEntity(1).getString();
        int n = ((BasicInt) domain.getEntity(2)).getInt();
        List<PartitionScheme> levels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int type = ((BasicInt) domain.getEntity(3 + 2 * i)).getInt();
            Entity scheme = domain.getEntity(4 + 2 * i);
            if (type == PartitionScheme.VALUE && scheme.rows() == 0) scheme = Vectors.create(((Vector) scheme).getDataType(), 0, 0);
            levels.add(PartitionScheme.create(type, scheme));
        }
        Database db = new Database(catalog, "dfs://" + dir.getFileName(), levels, engine, atomic, dir);
        db.storage.recover();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tbl")).sorted().toList()) {
                db.register(DfsTable.load(db, f));
            }
        }
        return db;
    }
}
