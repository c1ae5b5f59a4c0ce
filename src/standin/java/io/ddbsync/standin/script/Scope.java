package io.ddbsync.standin.script;

import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicString;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.standin.value.Types;

import java.util.HashMap;
import java.util.Map;

/**
 * Where names resolve: the columns of the table a SQL clause runs over, then a function's
 * locals, then the session's variables, then user functions and built-ins.
 */
public final class Scope {
    private final Scope parent;
    private final Session session;
    private final Map<String, Entity> locals;
    private final Map<String, Vector> columns;
    private final int rows;

    private Scope(Scope parent, Session session, Map<String, Entity> locals, Map<String, Vector> columns, int rows) {
        this.parent = parent;
        this.session = session;
        this.locals = locals;
        this.columns = columns;
        this.rows = rows;
    }

    public static Scope global(Session session) {
        return new Scope(null, session, null, null, 1);
    }

    public static Scope function(Session session) {
        return new Scope(null, session, new HashMap<>(), null, 1);
    }

    /** A scope in which column names of a table resolve to its columns. */
    public Scope withColumns(Map<String, Vector> columns, int rows) {
        return new Scope(this, session, null, columns, rows);
    }

    public int rows() {
        return columns != null ? rows : parent != null ? parent.rows() : 1;
    }

    public boolean hasColumns() {
        return columns != null || parent != null && parent.hasColumns();
    }

    public Entity find(String name) {
        if (columns != null) {
            Vector c = columns.get(name);
            if (c == null) {
                for (Map.Entry<String, Vector> e : columns.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            }
            if (c != null) return c;
        }
        if (locals != null && locals.containsKey(name)) return locals.get(name);
        if (parent != null) return parent.find(name);
        return session.variable(name);
    }

    public Entity lookup(String name, Interpreter interpreter) {
        Entity e = find(name);
        if (e != null) return e;
        FunctionValue user = session.function(name);
        if (user != null) return user;
        Entity constant = constant(name);
        if (constant != null) return constant;
        Builtin b = Builtins.get(name);
        if (b != null) return b;
        throw new ScriptException("Syntax Error: [line #1] Cannot recognize the token " + name);
    }

    /** Type names (INT, DOUBLE...) are constants holding the type id; so are the partition types and a few others. */
    private static Entity constant(String name) {
        switch (name) {
            case "SEQ": return new BasicInt(0);
            case "VALUE": return new BasicInt(1);
            case "RANGE": return new BasicInt(2);
            case "LIST": return new BasicInt(3);
            case "COMPO": return new BasicInt(4);
            case "HASH": return new BasicInt(5);
            case "ALL", "LAST", "FIRST": return new BasicString(name);
            default: break;
        }
        if (name.equals(name.toUpperCase()) && name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            try {
                return new BasicInt(Types.byName(name).getValue());
            } catch (ScriptException e) {
                return null;
            }
        }
        return null;
    }

    public void assign(String name, Entity value) {
        if (locals != null) {
            locals.put(name, value);
        } else if (parent != null) {
            parent.assign(name, value);
        } else {
            session.setVariable(name, value);
        }
    }

    public void declare(String name, Entity value) {
        locals.put(name, value);
    }
}
