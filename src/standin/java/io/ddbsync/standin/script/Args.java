package io.ddbsync.standin.script;

import com.xxdb.data.*;
import io.ddbsync.standin.value.Forms;
import io.ddbsync.standin.value.Scalars;
import io.ddbsync.standin.value.Vectors;

import java.util.ArrayList;
import java.util.List;

/** The arguments of one built-in call, with typed accessors that fail with DolphinDB-style messages. */
public final class Args {
    private final Builtin function;
    private final Interpreter interpreter;
    private final Entity[] values;

    Args(Builtin function, Interpreter interpreter, Entity[] values) {
        this.function = function;
        this.interpreter = interpreter;
        this.values = values;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public Session session() {
        return interpreter.session();
    }

    public String function() {
        return function.name();
    }

    public int size() {
        return values.length;
    }

    public boolean has(int i) {
        return i < values.length && values[i] != null;
    }

    public Entity get(int i) {
        if (!has(i)) throw new ScriptException("The function [" + function.name() + "] is missing argument " + function.params()[Math.min(i, function.params().length - 1)]);
        return values[i];
    }

    public Entity get(int i, Entity fallback) {
        return has(i) ? values[i] : fallback;
    }

    public String string(int i) {
        Entity e = get(i);
        if (!(e instanceof Scalar) || !(e.getDataType() == Entity.DATA_TYPE.DT_STRING || e.getDataType() == Entity.DATA_TYPE.DT_SYMBOL)) {
            throw argument(i, "must be a string scalar");
        }
        return Scalars.text(e);
    }

    public String string(int i, String fallback) {
        return has(i) ? string(i) : fallback;
    }

    /** A string scalar or vector, as a list. */
    public List<String> strings(int i) {
        Entity e = get(i);
        if (e.isScalar()) return List.of(Scalars.text(e));
        if (e.isVector()) return List.of(Vectors.strings((Vector) e));
        throw argument(i, "must be a string scalar or vector");
    }

    public boolean bool(int i, boolean fallback) {
        if (!has(i)) return fallback;
        Entity e = values[i];
        if (!e.isScalar()) throw argument(i, "must be a boolean scalar");
        return Scalars.truth(e);
    }

    public long integer(int i) {
        Entity e = get(i);
        if (!e.isScalar()) throw argument(i, "must be an integer scalar");
        return Scalars.rawLong(e);
    }

    public long integer(int i, long fallback) {
        return has(i) ? integer(i) : fallback;
    }

    public Table table(int i) {
        Entity e = get(i);
        if (e instanceof io.ddbsync.standin.dfs.TableHandle h) return h.materialize(interpreter.session());
        if (e instanceof Table t) return t;
        throw argument(i, "must be a table");
    }

    public ScriptException argument(int i, String problem) {
        String name = i < function.params().length ? function.params()[i] : "#" + (i + 1);
        return new ScriptException("The argument [" + name + "] of function [" + function.name() + "] " + problem
                + (has(i) ? " (got " + Forms.typestr(values[i]) + ")" : ""));
    }

    public List<Entity> rest(int from) {
        List<Entity> out = new ArrayList<>();
        for (int i = from; i < values.length; i++) out.add(values[i]);
        return out;
    }
}
