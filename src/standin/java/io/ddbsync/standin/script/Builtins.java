package io.ddbsync.standin.script;

import java.util.HashMap;
import java.util.Map;

/** The registry of built-in functions, filled by the function libraries. */
public final class Builtins {
    private static final Map<String, Builtin> FUNCTIONS = new HashMap<>();

    static {
        io.ddbsync.standin.functions.CoreFunctions.register();
        io.ddbsync.standin.functions.TemporalFunctions.register();
        io.ddbsync.standin.functions.AggregateFunctions.register();
        io.ddbsync.standin.functions.SessionFunctions.register();
        io.ddbsync.standin.functions.DfsFunctions.register();
        io.ddbsync.standin.functions.BackupFunctions.register();
    }

    private Builtins() {
    }

    public static void add(String signature, Builtin.Body body) {
        Builtin b = new Builtin(signature, body);
        FUNCTIONS.put(b.name(), b);
    }

    /** Registers another name for a function (push! for append!, createTable for createDimensionTable). */
    public static void alias(String alias, String name) {
        FUNCTIONS.put(alias, FUNCTIONS.get(name));
    }

    public static Builtin get(String name) {
        return FUNCTIONS.get(name);
    }
}
