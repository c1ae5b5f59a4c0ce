package io.ddbsync.standin.dfs;

import com.xxdb.data.Entity;
import io.ddbsync.standin.script.RuntimeValue;

import java.util.List;

/**
 * What database() returns: a DFS database, or (with an empty directory) a partitioning level
 * that only exists to be combined into a COMPO database.
 */
public final class DbHandle extends RuntimeValue {
    private final Database database;
    private final List<PartitionScheme> levels;

    public DbHandle(Database database) {
        this.database = database;
        this.levels = database.levels();
    }

    public DbHandle(List<PartitionScheme> levels) {
        this.database = null;
        this.levels = levels;
    }

    /** The DFS database, or null for an in-memory partitioning handle. */
    public Database database() {
        return database;
    }

    public List<PartitionScheme> levels() {
        return levels;
    }

    @Override
    public String typestr() {
        return "HANDLE";
    }

    @Override
    public DATA_TYPE getDataType() {
        return DATA_TYPE.DT_HANDLE;
    }

    @Override
    public Entity toWire() {
        return new com.xxdb.data.BasicString(getString());
    }

    @Override
    public String getString() {
        return database == null ? "DB[]" : "DB[" + database.path() + "]";
    }
}
