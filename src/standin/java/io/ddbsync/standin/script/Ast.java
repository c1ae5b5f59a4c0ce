package io.ddbsync.standin.script;

import com.xxdb.data.Entity;

import java.util.List;

/** The syntax tree of DolphinDB script the stand-in understands. */
public interface Ast {

    // ---- expressions --------------------------------------------------------------------------
    sealed interface Expr extends Ast permits Literal, Var, VectorLit, TupleLit, Call, Partial, Member, Index, Binary,
            Unary, Between, Meta, Lambda, Select, Star, Pair, Alias {
    }

    record Literal(Entity value) implements Expr {}
    record Var(String name) implements Expr {}
    record VectorLit(List<Expr> items) implements Expr {}
    record TupleLit(List<Expr> items) implements Expr {}
    /** A call; named arguments have a name, positional ones null. */
    record Call(Expr function, List<Arg> args) implements Expr {}
    record Arg(String name, Expr value) {}
    /** f{a,,c}: null entries are the holes left for later arguments. */
    record Partial(Expr function, List<Expr> fixed) implements Expr {}
    record Member(Expr target, String name) implements Expr {}
    record Index(Expr target, Expr index) implements Expr {}
    record Binary(String op, Expr left, Expr right) implements Expr {}
    record Unary(String op, Expr operand) implements Expr {}
    record Between(Expr value, Expr low, Expr high, boolean negated) implements Expr {}
    record Pair(Expr left, Expr right) implements Expr {}
    /** Metacode &lt;...&gt;: the expression is kept, not evaluated. */
    record Meta(Expr body) implements Expr {}
    record Lambda(FunctionDef def) implements Expr {}
    /** The * of select * and count(*). */
    record Star() implements Expr {}
    /** expr as name, inside a call's arguments: table(1..3 as id). */
    record Alias(Expr expr, String alias) implements Expr {}

    // ---- SQL ----------------------------------------------------------------------------------
    record Select(boolean exec, List<SelectItem> columns, Expr from, List<Expr> where, List<Expr> groupBy,
                  boolean contextBy, List<OrderItem> orderBy, Expr top, Expr limitOffset, Expr limit, boolean distinct,
                  long hints, Expr having) implements Expr {}
    record SelectItem(Expr expr, String alias) {}
    record OrderItem(Expr expr, boolean ascending) {}

    // ---- statements ---------------------------------------------------------------------------
    sealed interface Stmt extends Ast permits ExprStmt, Assign, If, For, While, Return, Block, FunctionDef, Delete,
            Update, TryCatch, Throw, Break, Continue {
    }

    record ExprStmt(Expr expr) implements Stmt {}
    /** x = e, x[i] = e, and a,b = e; {@code share} and local declarations are treated alike. */
    record Assign(List<Expr> targets, Expr value) implements Stmt {}
    record If(Expr condition, Stmt then, Stmt otherwise) implements Stmt {}
    record For(String variable, Expr iterable, Stmt body) implements Stmt {}
    record While(Expr condition, Stmt body, boolean doWhile) implements Stmt {}
    record Return(Expr value) implements Stmt {}
    record Block(List<Stmt> statements) implements Stmt {}
    record FunctionDef(String name, List<Param> params, Stmt body) implements Stmt {}
    record Param(String name, boolean mutable) {}
    record Delete(Expr from, List<Expr> where) implements Stmt {}
    record Update(Expr table, List<Assign> sets, List<Expr> where) implements Stmt {}
    record TryCatch(Stmt body, String variable, Stmt handler) implements Stmt {}
    /** throw e; {@code statement} is the statement as DolphinDB quotes it in the error text. */
    record Throw(Expr value, String statement) implements Stmt {}
    record Break() implements Stmt {}
    record Continue() implements Stmt {}
}
