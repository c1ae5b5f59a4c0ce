package io.ddbsync.camel;

import com.xxdb.data.Entity;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a call of a DolphinDB function whose values travel as typed arguments:
 * {@code def(a1, a2, a3) { return backup(a1, a2, force=a3) }} called with (dir, dbPath, true).
 * Only parameter names, the function name and validated names ever become text.
 */
final class ServerCall {
    private final String function;
    private final List<String> params = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final List<Entity> values = new ArrayList<>();

    ServerCall(String function) {
        this.function = function;
    }

    /** The next positional argument. */
    ServerCall arg(Entity value) {
        String p = "a" + (params.size() + 1);
        params.add(p);
        arguments.add(p);
        values.add(value);
        return this;
    }

    /** A named argument; skipped when the value is null, so the server's default applies. */
    ServerCall named(String name, Entity value) {
        if (value == null) return this;
        String p = "a" + (params.size() + 1);
        params.add(p);
        arguments.add(name + "=" + p);
        values.add(value);
        return this;
    }

    /** A named argument given as code built from validated names, such as loadTable("dfs://db", "t"). */
    ServerCall namedCode(String name, String code) {
        arguments.add(name + "=" + code);
        return this;
    }

    /** A positional argument given as code built from validated names, such as SQL metacode. */
    ServerCall argCode(String code) {
        arguments.add(code);
        return this;
    }

    String text() {
        return "def(" + String.join(", ", params) + ") { return " + function + "(" + String.join(", ", arguments) + ") }";
    }

    List<Entity> values() {
        return values;
    }
}
