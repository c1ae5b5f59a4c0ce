package io.ddbsync.standin.dfs;

import io.ddbsync.standin.script.ScriptException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** All DFS databases of one stand-in node, kept under its data directory. */
public final class Catalog {
    private final Path root;
    private final Map<String, Database> databases = new LinkedHashMap<>();
    private final Map<String, String> config;
    private final AtomicLong lastTxid = new AtomicLong();
    private final AtomicInteger physicalIndex = new AtomicInteger(1);

    public Catalog(Path root, Map<String, String> config) throws IOException {
        this.root = root;
        this.config = config;
        Files.createDirectories(root);
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.exists(d.resolve("domain"))) {
                    Database db = Database.load(this, d);
                    databases.put(db.path(), db);
                    for (DfsTable t : db.tables()) {
                        physicalIndex.set(Math.max(physicalIndex.get(), Integer.parseInt(t.physicalIndex(), 36) + 1));
                        for (DfsTable.PartitionInfo p : t.partitionInfos()) lastTxid.accumulateAndGet(p.version(), Math::max);
                    }
                }
            }
        }
    }

    public Path root() {
        return root;
    }

    public String config(String key, String fallback) {
        return config.getOrDefault(key, fallback);
    }

    /**
     * Transaction ids grow monotonically and encode their commit time (microseconds since the epoch),
     * so a partition's version also tells when it last changed.
     */
    public long nextTxid() {
        long now = System.currentTimeMillis() * 1000;
        return lastTxid.accumulateAndGet(now, (prev, t) -> Math.max(prev + 1, t));
    }

    public static long txTime(long txid) {
        return txid / 1000;
    }

    int nextPhysicalIndex() {
        return physicalIndex.getAndIncrement();
    }

    public static String validatePath(String path) {
        if (!path.startsWith("dfs://") || !path.substring(6).matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
            throw new ScriptException("Invalid DFS database path [" + path + "]");
        }
        return path;
    }

    public synchronized boolean exists(String path) {
        return databases.containsKey(path);
    }

    public synchronized Database get(String path) {
        return databases.get(path);
    }

    public synchronized Database require(String path) {
        Database db = databases.get(path);
        if (db == null) throw new ScriptException("The database [" + path + "] does not exist.");
        return db;
    }

    public synchronized List<Database> all() {
        return new ArrayList<>(databases.values());
    }

    public synchronized Database create(String path, List<PartitionScheme> levels, String engine, String atomic) {
        validatePath(path);
        if (databases.containsKey(path)) throw new ScriptException("The database [" + path + "] already exists.");
        Path dir = root.resolve(path.substring(6));
        Database db = new Database(this, path, levels, engine, atomic, dir);
        db.persistDomain();
        databases.put(path, db);
        return db;
    }

    public synchronized void drop(String path) {
        Database db = require(path);
        db.lock.writeLock().lock();
        try {
            Storage.deleteTree(db.storage().root());
        } catch (IOException e) {
            throw new ScriptException("Failed to drop database " + path + ": " + e.getMessage());
        } finally {
            db.lock.writeLock().unlock();
        }
        databases.remove(path);
    }
}
