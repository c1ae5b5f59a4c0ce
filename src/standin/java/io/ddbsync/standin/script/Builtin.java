package io.ddbsync.standin.script;

import com.xxdb.data.Entity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A function implemented in Java. Its parameter names let scripts pass arguments by name
 * (restore(backupDir=..., dbPath=...)), exactly as the DolphinDB manual names them.
 */
public final class Builtin extends FunctionValue {

    @FunctionalInterface
    public interface Body {
        Entity call(Args args);
    }

    private final String name;
    private final String[] params;
    private final int minArgs;
    private final int maxArgs;
    private final Body body;

    /**
     * @param signature the manual's signature, e.g. {@code "backup(backupDir, dbPath|sqlObj, [force], [parallel])"}:
     *                  bracketed parameters are optional, "..." accepts any number of further arguments,
     *                  "a|b" is one parameter that can be named either way (as the manual writes backup's)
     */
    public Builtin(String signature, Body body) {
        int open = signature.indexOf('(');
        this.name = signature.substring(0, open).trim();
        String inside = signature.substring(open + 1, signature.lastIndexOf(')')).trim();
        String[] parts = inside.isEmpty() ? new String[0] : inside.split(",");
        int required = 0;
        boolean varargs = false;
        String[] names = new String[parts.length];
        int count = 0;
        for (String p : parts) {
            String s = p.trim();
            if (s.equals("...")) {
                varargs = true;
                continue;
            }
            boolean optional = s.startsWith("[");
            s = s.replace("[", "").replace("]", "").trim();
            int eq = s.indexOf('=');
            if (eq > 0) s = s.substring(0, eq).trim();
            names[count++] = s;
            if (!optional) required = count;
        }
        this.params = Arrays.copyOf(names, count);
        this.minArgs = required;
        this.maxArgs = varargs ? Integer.MAX_VALUE : count;
        this.body = body;
    }

    @Override
    public String name() {
        return name;
    }

    public String[] params() {
        return params;
    }

    private int indexOfParam(String given) {
        for (int i = 0; i < params.length; i++) {
            for (String alternative : params[i].split("\\|")) {
                if (alternative.equals(given)) return i;
            }
        }
        return -1;
    }

    @Override
    public Entity invoke(Interpreter interpreter, List<Entity> args, Map<String, Entity> named) {
        int size = Math.max(args.size(), params.length);
        Entity[] values = new Entity[size];
        for (int i = 0; i < args.size(); i++) values[i] = args.get(i);
        for (Map.Entry<String, Entity> e : named.entrySet()) {
            int at = indexOfParam(e.getKey());
            if (at < 0) {
                throw new ScriptException("The function [" + name + "] doesn't have a parameter named [" + e.getKey() + "]");
            }
            values[at] = e.getValue();
        }
        int given = 0;
        for (int i = 0; i < values.length; i++) if (values[i] != null) given = i + 1;
        if (given > maxArgs) {
            throw new ScriptException("Syntax Error: [line #1] The function [" + name + "] expects " + minArgs + "~" + params.length
                    + " argument(s), but the actual number of arguments is: " + given);
        }
        for (int i = 0; i < minArgs; i++) {
            if (values[i] == null) {
                throw new ScriptException("The function [" + name + "] expects " + (minArgs == params.length ? "" : minArgs + "~")
                        + params.length + " argument(s), but the actual number of arguments is: " + given);
            }
        }
        return body.call(new Args(this, interpreter, Arrays.copyOf(values, given)));
    }
}
