package io.ddbsync.standin.script;

import com.xxdb.data.Entity;
import com.xxdb.io.ExtendedDataOutput;

import java.io.IOException;

/**
 * Server-side values that are not plain data: functions, metacode, database and table handles.
 * They live in a session's variables; only some of them can be sent to a client.
 */
public abstract class RuntimeValue implements Entity {

    public abstract String typestr();

    /** What the value becomes when it is sent to the client, or an error when it cannot be sent. */
    public Entity toWire() {
        throw new ScriptException("The object of type " + typestr() + " can't be serialized to the client");
    }

    @Override public DATA_FORM getDataForm() { return DATA_FORM.DF_SCALAR; }
    @Override public DATA_CATEGORY getDataCategory() { return DATA_CATEGORY.SYSTEM; }
    @Override public DATA_TYPE getDataType() { return DATA_TYPE.DT_RESOURCE; }
    @Override public int rows() { return 1; }
    @Override public int columns() { return 1; }
    @Override public void write(ExtendedDataOutput out) throws IOException { toWire().write(out); }
    @Override public boolean isScalar() { return true; }
    @Override public boolean isVector() { return false; }
    @Override public boolean isPair() { return false; }
    @Override public boolean isTable() { return false; }
    @Override public boolean isMatrix() { return false; }
    @Override public boolean isDictionary() { return false; }
    @Override public boolean isChart() { return false; }
    @Override public boolean isChunk() { return false; }
}
