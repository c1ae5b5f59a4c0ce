package io.ddbsync.standin.dfs;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.script.RuntimeValue;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;

import java.util.ArrayList;
import java.util.List;

/** What loadTable() returns for a DFS table: a handle with metadata only. Reading it loads its partitions. */
public final class TableHandle extends RuntimeValue {
    private final DfsTable table;

    public TableHandle(DfsTable table) {
        this.table = table;
    }

    public DfsTable table() {
        return table;
    }

    public String qualifiedName() {
        return table.database().path() + "/" + table.name();
    }

    public void checkRead(Session session) {
        if (!session.loggedIn()) throw new ScriptException("<NoPrivilege>Not granted to read table " + qualifiedName());
    }

    public void checkWrite(Session session) {
        if (!session.loggedIn()) throw new ScriptException("<NoPrivilege>Not granted to write data to table " + qualifiedName());
    }

    /** Every row of the table, partition after partition. */
    public BasicTable materialize(Session session) {
        checkRead(session);
        List<BasicTable> parts = new ArrayList<>();
        for (String p : table.partitionPaths()) parts.add(table.read(p));
        return table.concat(parts);
    }

    @Override
    public String typestr() {
        return table.isDimension() ? "DIMENSION TABLE" : "SEGMENTED DFS TABLE";
    }

    @Override
    public DATA_FORM getDataForm() {
        return DATA_FORM.DF_TABLE;
    }

    @Override
    public boolean isTable() {
        return true;
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public int rows() {
        return (int) table.rowCount();
    }

    @Override
    public int columns() {
        return table.columns().size();
    }

    @Override
    public Entity toWire() {
        throw new ScriptException("Please use select to read a DFS table: " + qualifiedName());
    }

    @Override
    public String getString() {
        return qualifiedName();
    }
}
