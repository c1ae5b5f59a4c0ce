package io.ddbsync.standin.script;

import com.xxdb.data.Entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A callable value: a built-in function, a user-defined function, or a partial application of either. */
public abstract class FunctionValue extends RuntimeValue {

    public abstract String name();

    /** Calls the function. {@code named} holds arguments given as name=value. */
    public abstract Entity invoke(Interpreter interpreter, List<Entity> args, Map<String, Entity> named);

    @Override
    public String typestr() {
        return "FUNCTIONDEF";
    }

    @Override
    public DATA_TYPE getDataType() {
        return DATA_TYPE.DT_FUNCTIONDEF;
    }

    @Override
    public String getString() {
        return name();
    }

    /** f{a,,c}: fixed arguments with holes filled, in order, by the arguments of the later call. */
    public static final class Partial extends FunctionValue {
        private final FunctionValue target;
        private final List<Entity> fixed;

        public Partial(FunctionValue target, List<Entity> fixed) {
            this.target = target;
            this.fixed = fixed;
        }

        @Override
        public String name() {
            return target.name();
        }

        @Override
        public Entity invoke(Interpreter interpreter, List<Entity> args, Map<String, Entity> named) {
            List<Entity> all = new ArrayList<>();
            int next = 0;
            for (Entity f : fixed) {
                if (f != null) all.add(f);
                else if (next < args.size()) all.add(args.get(next++));
                else all.add(null);
            }
            while (next < args.size()) all.add(args.get(next++));
            // trailing holes that were never filled are absent arguments
            while (!all.isEmpty() && all.get(all.size() - 1) == null) all.remove(all.size() - 1);
            return target.invoke(interpreter, all, named);
        }
    }

    /** A function written in script with def. */
    public static final class User extends FunctionValue {
        final Ast.FunctionDef def;

        public User(Ast.FunctionDef def) {
            this.def = def;
        }

        @Override
        public String name() {
            return def.name() == null ? "lambda" : def.name();
        }

        @Override
        public Entity invoke(Interpreter interpreter, List<Entity> args, Map<String, Entity> named) {
            return interpreter.callUser(this, args, named);
        }
    }
}
