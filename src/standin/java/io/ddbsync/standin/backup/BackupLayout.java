package io.ddbsync.standin.backup;

import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.standin.script.ScriptException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where things are in a backup directory, as the manual lays it out:
 * {@code <backupDir>/<dbName>/<tableName>/} holds the table's metadata files {@code _metaData} and
 * {@code domain}, and one entry per partition named by its chunk ID (a directory for copy-files
 * backups, a {@code <chunkID>.bin} file for SQL backups). Names in progress end in {@code .tmp}.
 */
public final class BackupLayout {
    static final String META = "_metaData";
    static final String DOMAIN = "domain";
    static final String TMP = ".tmp";
    static final String OLD = ".old";

    private BackupLayout() {
    }

    /** backupDir as given; a relative one is taken relative to the node's home (its data directory), as DolphinDB does. */
    public static Path backupDir(StandInNode node, String dir) {
        if (dir == null || dir.isBlank()) throw new ScriptException("backupDir must be a non-empty directory path");
        if (dir.startsWith("s3://")) throw new ScriptException("Backing up to S3 needs the awss3 plugin, which this server doesn't have");
        Path p = Path.of(dir);
        return (p.isAbsolute() ? p : node.dataDir().resolve(p)).normalize();
    }

    /** "dfs://compoDB" -> "compoDB": the directory a database's backups live in. */
    public static String dbName(String dbPath) {
        if (dbPath == null || !dbPath.startsWith("dfs://") || dbPath.length() == 6 || dbPath.indexOf('/', 6) >= 0) {
            throw new ScriptException("Invalid DFS database path [" + dbPath + "]");
        }
        return dbPath.substring("dfs://".length());
    }

    static Path tableDir(Path backupDir, String dbPath, String table) {
        return backupDir.resolve(dbName(dbPath)).resolve(table);
    }

    /**
     * The chunk ID of a table's partition. It is derived from names only (database, partition
     * path, table), so a backup says the same thing on any host, a re-run finds the entry it
     * wrote before, and it equals the chunkId getTabletsMeta reports for the partition.
     */
    static String chunkId(String dbPath, String partitionPath, String table) {
        return UUID.nameUUIDFromBytes((dbPath + partitionPath + "/" + table).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** "/compoDB/20170807/0_50", the form checkBackup reports and restore patterns match (the table's index is added by callers). */
    static String dbRelative(String dbPath, String partitionPath) {
        return "/" + dbName(dbPath) + (partitionPath.equals("/") ? "" : partitionPath);
    }

    /** "dfs://compoDB/20170807/0_50/6F": a table's chunk path as restore and getBackupList print it. */
    static String dfsChunkPath(String dbPath, String partitionPath, String physicalIndex) {
        return dbPath + (partitionPath.equals("/") ? "" : partitionPath) + "/" + physicalIndex;
    }

    /** Every table directory (backupDir/db/table) that holds a backup, sorted. */
    static List<Path> tableDirs(Path backupDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(backupDir)) return out;
        try (Stream<Path> dbs = Files.list(backupDir)) {
            for (Path db : dbs.filter(Files::isDirectory).sorted().toList()) out.addAll(tableDirsOfDb(db));
        } catch (IOException e) {
            throw new ScriptException("Failed to list backup directory " + backupDir + ": " + e.getMessage());
        }
        return out;
    }

    static List<Path> tableDirsOfDb(Path dbDir) {
        if (!Files.isDirectory(dbDir)) return List.of();
        try (Stream<Path> tables = Files.list(dbDir)) {
            return tables.filter(t -> Files.isRegularFile(t.resolve(META))).sorted().toList();
        } catch (IOException e) {
            throw new ScriptException("Failed to list backup directory " + dbDir + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path p) {
        try {
            Storage.deleteTree(p);
        } catch (IOException e) {
            throw new ScriptException("Failed to delete " + p + ": " + e.getMessage());
        }
    }
}
