package io.ddbsync.standin.script;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.Ast.*;
import io.ddbsync.standin.sql.SqlEngine;
import io.ddbsync.standin.value.*;

import java.util.*;

/**
 * Evaluates parsed script in one session. Values are the official API's entities (so a reply is
 * just {@code entity.write}), plus {@link RuntimeValue}s for functions, metacode and handles.
 */
public final class Interpreter {

    private static final class ReturnSignal extends RuntimeException {
        final Entity value;

        ReturnSignal(Entity value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private static final class LoopSignal extends RuntimeException {
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    /**
     * Scripts and function texts parsed, by their text: a client calls the same function text again
     * and again (DolphinDB parses in C++, here parsing was about a tenth of the work a call costs).
     * Exact because the tree is never changed once parsed and a vector literal is copied each time
     * it is evaluated (see {@link #eval}), so no run sees what another did with its values.
     */
    private static final TextCache<List<Stmt>> PARSED = new TextCache<>(512, 4096, text -> List.copyOf(Parser.parse(text)));

    private final Session session;
    private int depth;
    /** Source names of the arguments of the builtin being called (table(x, y) names its columns x and y). */
    private List<String> argNames = List.of();

    public Interpreter(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    // ---- entry points -------------------------------------------------------------------------

    /** Runs a script; the result is the value of its last statement when that is an expression. */
    public Entity run(String script) {
        List<Stmt> program = PARSED.get(script);
        Scope global = Scope.global(session);
        Entity last = new com.xxdb.data.Void();
        try {
            for (Stmt s : program) last = execute(s, global);
        } catch (ReturnSignal r) {
            last = r.value;
        }
        return last;
    }

    /** Calls a function given by name or by an expression such as {@code tableInsert{loadTable("dfs://db","t")}}. */
    public Entity callByName(String function, List<Entity> args) {
        Scope global = Scope.global(session);
        List<Stmt> parsed = PARSED.get(function);
        if (parsed.size() != 1 || !(parsed.get(0) instanceof ExprStmt es)) {
            throw new ScriptException("Invalid function name " + function);
        }
        Entity f = es.expr() instanceof Var v ? resolveFunction(v.name(), global) : eval(es.expr(), global);
        if (!(f instanceof FunctionValue fn)) {
            throw new ScriptException("The object '" + function + "' is neither an XDB connection nor a function definition. RefId: S06006");
        }
        return fn.invoke(this, args, Map.of());
    }

    public Entity call(FunctionValue f, List<Entity> args) {
        return f.invoke(this, args, Map.of());
    }

    /** Evaluates metacode in the session's global scope. */
    public Entity evalMeta(MetaCode code) {
        return eval(code.expr(), Scope.global(session));
    }

    // ---- statements ---------------------------------------------------------------------------

    private Entity execute(Stmt stmt, Scope scope) {
        if (stmt instanceof ExprStmt s) {
            return eval(s.expr(), scope);
        }
        if (stmt instanceof Assign a) {
            assign(a, scope);
            return new com.xxdb.data.Void();
        }
        if (stmt instanceof Block b) {
            Entity last = new com.xxdb.data.Void();
            for (Stmt s : b.statements()) last = execute(s, scope);
            return last;
        }
        if (stmt instanceof If i) {
            if (Scalars.truth(condition(eval(i.condition(), scope)))) return execute(i.then(), scope);
            if (i.otherwise() != null) return execute(i.otherwise(), scope);
            return new com.xxdb.data.Void();
        }
        if (stmt instanceof For f) {
            Entity it = eval(f.iterable(), scope);
            int n = it.isScalar() ? 1 : it.rows();
            for (int k = 0; k < n; k++) {
                Entity item = it.isScalar() ? it : element(it, k);
                scope.assign(f.variable(), item);
                try {
                    execute(f.body(), scope);
                } catch (LoopSignal l) {
                    if (l.isBreak) break;
                }
            }
            return new com.xxdb.data.Void();
        }
        if (stmt instanceof While w) {
            if (w.doWhile()) {
                do {
                    try {
                        execute(w.body(), scope);
                    } catch (LoopSignal l) {
                        if (l.isBreak) break;
                    }
                } while (Scalars.truth(condition(eval(w.condition(), scope))));
            } else {
                while (Scalars.truth(condition(eval(w.condition(), scope)))) {
                    try {
                        execute(w.body(), scope);
                    } catch (LoopSignal l) {
                        if (l.isBreak) break;
                    }
                }
            }
            return new com.xxdb.data.Void();
        }
        if (stmt instanceof Return r) {
            throw new ReturnSignal(r.value() == null ? new com.xxdb.data.Void() : eval(r.value(), scope));
        }
        if (stmt instanceof Break b) {
            throw new LoopSignal(true);
        }
        if (stmt instanceof Continue c) {
            throw new LoopSignal(false);
        }
        if (stmt instanceof FunctionDef d) {
            session.defineFunction(d.name(), new FunctionValue.User(d));
            return new com.xxdb.data.Void();
        }
        if (stmt instanceof TryCatch t) {
            try {
                return execute(t.body(), scope);
            } catch (ScriptException e) {
                String message = e instanceof ThrownException thrown ? thrown.thrownMessage() : e.getMessage();
                scope.assign(t.variable(), new BasicString(message));
                return execute(t.handler(), scope);
            }
        }
        if (stmt instanceof Throw t) {
            throw new ThrownException(t.statement(), eval(t.value(), scope).getString());
        }
        if (stmt instanceof Delete d) {
            return SqlEngine.delete(this, d, scope);
        }
        if (stmt instanceof Update u) {
            return SqlEngine.update(this, u, scope);
        }
        throw new IllegalStateException("unhandled " + stmt);

    }

    private static Entity condition(Entity e) {
        if (!e.isScalar()) throw new ScriptException("A condition must be a scalar");
        return e;
    }

    private void assign(Assign a, Scope scope) {
        Entity value = eval(a.value(), scope);
        if (value instanceof com.xxdb.data.Void && a.value() instanceof Call) {
            // assigning the result of a function that returns nothing leaves a VOID scalar, as DolphinDB does
        }
        if (a.targets().size() == 1) {
            assignTo(a.targets().get(0), value, scope);
            return;
        }
        if (!(value instanceof Vector v) || v.rows() != a.targets().size()) {
            throw new ScriptException("The number of values doesn't match the number of variables");
        }
        for (int i = 0; i < a.targets().size(); i++) assignTo(a.targets().get(i), element(v, i), scope);
    }

    private void assignTo(Expr target, Entity value, Scope scope) {
        if (target instanceof Var v) {
            scope.assign(v.name(), value);
        } else if (target instanceof Index ix) {
            Entity container = eval(ix.target(), scope);
            Entity index = eval(ix.index(), scope);
            if (container instanceof DictValue d) {
                d.put(index, value);
            } else if (container instanceof Vector vec && index.isScalar()) {
                Vectors.set(vec, (int) Scalars.rawLong(index), Casts.scalar(value, vec.getDataType(), Vectors.scale(vec)));
            } else {
                throw new ScriptException("Unsupported assignment target");
            }
        } else {
            throw new ScriptException("Syntax Error: [line #1] Please use '==' rather than '=' as equal operator in non-sql expression.");
        }
    }

    // ---- expressions --------------------------------------------------------------------------

    public Entity eval(Expr expr, Scope scope) {
        if (expr instanceof Literal l) {
            // a vector may be changed in place once assigned (x[0] = 1, x.append!(2)): each evaluation gets its own, as a new
            // vector is made each time in DolphinDB; scalars are never changed in place
            return l.value() instanceof Vector v ? Vectors.slice(v, 0, v.rows()) : l.value();
        }
        if (expr instanceof Var v) {
            return scope.lookup(v.name(), this);
        }
        if (expr instanceof VectorLit v) {
            List<Entity> items = new ArrayList<>(v.items().size());
            for (Expr e : v.items()) items.add(eval(e, scope));
            return Vectors.fromElements(items);
        }
        if (expr instanceof TupleLit t) {
            BasicAnyVector any = new BasicAnyVector(t.items().size());
            for (int i = 0; i < t.items().size(); i++) any.setEntity(i, eval(t.items().get(i), scope));
            return any;
        }
        if (expr instanceof Call c) {
            return call(c, scope);
        }
        if (expr instanceof Partial p) {
            Entity f = p.function() instanceof Var v ? resolveFunction(v.name(), scope) : eval(p.function(), scope);
            if (!(f instanceof FunctionValue fn)) throw new ScriptException("Partial application needs a function");
            List<Entity> fixed = new ArrayList<>();
            for (Expr e : p.fixed()) fixed.add(e == null ? null : eval(e, scope));
            return new FunctionValue.Partial(fn, fixed);
        }
        if (expr instanceof Member m) {
            return member(eval(m.target(), scope), m.name());
        }
        if (expr instanceof Index ix) {
            return index(eval(ix.target(), scope), eval(ix.index(), scope));
        }
        if (expr instanceof Binary b) {
            return Operators.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope));
        }
        if (expr instanceof Unary u) {
            Entity x = eval(u.operand(), scope);
            return u.op().equals("-") ? Operators.negate(x) : Operators.not(x);
        }
        if (expr instanceof Between b) {
            Entity r = Operators.between(eval(b.value(), scope), eval(b.low(), scope), eval(b.high(), scope));
            return b.negated() ? Operators.not(r) : r;
        }
        if (expr instanceof Pair p) {
            return pair(eval(p.left(), scope), eval(p.right(), scope));
        }
        if (expr instanceof Meta m) {
            return new MetaCode(m.body(), m.body().toString());
        }
        if (expr instanceof Lambda l) {
            return new FunctionValue.User(l.def());
        }
        if (expr instanceof Select s) {
            return SqlEngine.select(this, s, scope);
        }
        if (expr instanceof Alias al) {
            return eval(al.expr(), scope);
        }
        if (expr instanceof Star s) {
            throw new ScriptException("Syntax Error: [line #1] '*' is only allowed in select and count(*)");
        }
        throw new IllegalStateException("unhandled " + expr);

    }

    private Entity call(Call c, Scope scope) {
        FunctionValue fn;
        if (c.function() instanceof Var v) {
            if (v.name().equals("count") && c.args().size() == 1 && c.args().get(0).value() instanceof Star) {
                return new BasicInt(scope.rows());
            }
            fn = resolveFunction(v.name(), scope);
        } else {
            Entity f = eval(c.function(), scope);
            if (!(f instanceof FunctionValue fv)) {
                throw new ScriptException("The object '" + f.getString() + "' is neither an XDB connection nor a function definition. RefId: S06006");
            }
            fn = fv;
        }
        List<Entity> args = new ArrayList<>();
        Map<String, Entity> named = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Arg a : c.args()) {
            if (a.name() == null) {
                names.add(a.value() instanceof Var v ? v.name() : a.value() instanceof Alias al ? al.alias() : null);
            }
            if (a.value() == null) {
                args.add(null);
                continue;
            }
            Entity value = a.value() == null ? null : a.value() instanceof Star ? new BasicInt(scope.rows()) : eval(a.value(), scope);
            if (a.name() != null) named.put(a.name(), value);
            else args.add(value);
        }
        if (++depth > 200) {
            depth = 0;
            throw new ScriptException("Stack overflow: too deep recursion");
        }
        try {
            argNames = names;
            return fn.invoke(this, args, named);
        } finally {
            depth--;
        }
    }

    /** Source names of the positional arguments of the current builtin call (null where not a plain variable). */
    public List<String> argNames() {
        return argNames;
    }

    public FunctionValue resolveFunction(String name, Scope scope) {
        Entity local = scope.find(name);
        if (local instanceof FunctionValue f) return f;
        FunctionValue user = session.function(name);
        if (user != null) return user;
        Builtin b = Builtins.get(name);
        if (b != null) return b;
        throw new ScriptException("Syntax Error: [line #1] Cannot recognize the token " + name);
    }

    Entity callUser(FunctionValue.User f, List<Entity> args, Map<String, Entity> named) {
        List<Param> params = f.def.params();
        if (args.size() > params.size()) {
            throw new ScriptException("The function [" + f.name() + "] expects " + params.size() + " argument(s), but the actual number of arguments is: " + args.size());
        }
        Scope local = Scope.function(session);
        for (int i = 0; i < params.size(); i++) {
            Entity value = i < args.size() ? args.get(i) : named.get(params.get(i).name());
            local.declare(params.get(i).name(), value == null ? new com.xxdb.data.Void() : value);
        }
        try {
            return execute(f.def.body(), local);
        } catch (ReturnSignal r) {
            return r.value;
        }
    }

    // ---- members, indexing --------------------------------------------------------------------

    public static Entity member(Entity target, String name) {
        if (target instanceof DictValue d) {
            Entity v = d.get(new BasicString(name));
            if (v == null) throw new ScriptException("The dictionary doesn't contain the key " + name);
            return v;
        }
        if (target instanceof Table t) {
            Vector col = column(t, name);
            if (col != null) return col;
        }
        if (target instanceof RuntimeValue r) {
            Entity v = r instanceof HasMembers m ? m.member(name) : null;
            if (v != null) return v;
        }
        throw new ScriptException("Cannot access member " + name + " of " + Forms.typestr(target));
    }

    /** Capability of handles that expose named members (schema fields, for instance). */
    public interface HasMembers {
        Entity member(String name);
    }

    public static Vector column(Table t, String name) {
        for (int i = 0; i < t.columns(); i++) if (t.getColumnName(i).equals(name)) return t.getColumn(i);
        for (int i = 0; i < t.columns(); i++) if (t.getColumnName(i).equalsIgnoreCase(name)) return t.getColumn(i);
        return null;
    }

    private Entity index(Entity target, Entity index) {
        if (target instanceof DictValue d) {
            Entity v = d.get(index);
            return v == null ? Scalars.nullOf(Entity.DATA_TYPE.DT_VOID) : v;
        }
        if (target instanceof io.ddbsync.standin.dfs.TableHandle h) target = h.materialize(session);
        if (target instanceof Table t) {
            if (index instanceof PairValue range) {
                // t[from:to]: rows from..to-1
                int from = (int) Math.max(0, Scalars.rawLong(range.first()));
                int to = (int) Math.min(t.rows(), Scalars.rawLong(range.second()));
                return t.getSubTable(java.util.stream.IntStream.range(from, Math.max(from, to)).toArray());
            }
            if (Types.isLiteral(index.getDataType()) && index.isScalar()) {
                Vector col = column(t, Scalars.text(index));
                if (col == null) throw new ScriptException("Can't find column " + Scalars.text(index));
                return col;
            }
            if (index.isScalar()) return rowAsDict(t, (int) Scalars.rawLong(index));
            throw new ScriptException("Unsupported table index");
        }
        if (target instanceof Vector v) {
            if (index instanceof PairValue range) {
                int from = (int) Math.max(0, Scalars.rawLong(range.first()));
                int to = (int) Math.min(v.rows(), Scalars.rawLong(range.second()));
                return Vectors.gather(v, java.util.stream.IntStream.range(from, Math.max(from, to)).toArray());
            }
            if (index.isScalar()) {
                long i = Scalars.rawLong(index);
                if (i < 0 || i >= v.rows()) return Scalars.nullOf(v.getDataType() == Entity.DATA_TYPE.DT_ANY ? Entity.DATA_TYPE.DT_VOID : v.getDataType());
                return element(v, (int) i);
            }
            if (index instanceof BasicBooleanVector mask) {
                return Vectors.gather(v, SqlEngine.selected(mask.getValues()));
            }
            long[] idx = Vectors.longs((Vector) index);
            int[] ii = new int[idx.length];
            for (int k = 0; k < idx.length; k++) ii[k] = (int) idx[k];
            return Vectors.gather(v, ii);
        }
        throw new ScriptException("Cannot index " + Forms.typestr(target));
    }

    private static Entity rowAsDict(Table t, int row) {
        DictValue d = new DictValue();
        for (int c = 0; c < t.columns(); c++) d.put(new BasicString(t.getColumnName(c)), t.getColumn(c).get(row));
        return d;
    }

    public static Entity element(Entity container, int i) {
        if (container instanceof BasicAnyVector any) return any.getEntity(i);
        if (container instanceof BasicArrayVector av) return av.getVectorValue(i);
        if (container instanceof Vector v) return v.get(i);
        throw new ScriptException("Cannot iterate over " + Forms.typestr(container));
    }

    private static Entity pair(Entity a, Entity b) {
        List<Entity> items = List.of(a, b);
        Vector v = Vectors.fromElements(items);
        return new PairValue(v);
    }
}
