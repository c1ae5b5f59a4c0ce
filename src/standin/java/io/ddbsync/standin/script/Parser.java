package io.ddbsync.standin.script;

import com.xxdb.data.Entity;
import com.xxdb.data.Scalar;
import io.ddbsync.standin.script.Ast.*;
import io.ddbsync.standin.script.Lexer.Kind;
import io.ddbsync.standin.script.Lexer.Token;
import io.ddbsync.standin.value.Scalars;
import io.ddbsync.standin.value.Types;
import io.ddbsync.standin.value.Vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the part of DolphinDB script the stand-in runs: statements,
 * expressions with DolphinDB's operators, calls with named arguments, partial application,
 * method-call syntax, metacode, function definitions and SQL (select, exec, delete, update).
 */
public final class Parser {

    /** Words that end an expression inside SQL clauses and never name a variable there. */
    private static final Set<String> CLAUSE_WORDS = Set.of("from", "where", "group", "context", "order", "limit",
            "having", "as", "by", "asc", "desc", "set", "pivot", "map", "csort");

    private final List<Token> tokens;
    private final String source;
    private int pos;
    /** Inside a SQL where/having clause a single '=' compares. */
    private int sqlConditionDepth;
    /** Inside metacode a '>' not followed by an operand closes the metacode. */
    private int metaDepth;

    private Parser(String source) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
    }

    public static List<Stmt> parse(String source) {
        Parser p = new Parser(source);
        List<Stmt> out = new ArrayList<>();
        while (!p.atEnd()) {
            if (p.accept(";")) continue;
            out.add(p.statement());
        }
        return out;
    }

    // ---- token helpers ------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private boolean atEnd() {
        return peek().kind() == Kind.EOF;
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean check(String op) {
        Token t = peek();
        return t.kind() == Kind.OP && t.text().equals(op);
    }

    private boolean checkWord(String word) {
        Token t = peek();
        return t.kind() == Kind.IDENT && t.text().equals(word);
    }

    private boolean accept(String op) {
        if (check(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (checkWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) throw error("Expected '" + op + "' but found '" + peek() + "'");
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) throw error("Expected '" + word + "' but found '" + peek() + "'");
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Kind.IDENT) throw error("Expected a name but found '" + t + "'", t);
        return t.text();
    }

    private ScriptException error(String message) {
        return error(message, peek());
    }

    private ScriptException error(String message, Token at) {
        return new ScriptException("Syntax Error: [line #" + at.line() + "] " + message);
    }

    // ---- statements ---------------------------------------------------------------------------

    private Stmt statement() {
        Token t = peek();
        if (t.kind() == Kind.IDENT) {
            switch (t.text()) {
                case "def":
                    if (peek(1).kind() == Kind.IDENT) {
                        next();
                        return functionDef(identifier());
                    }
                    break;
                case "if": return ifStatement();
                case "for": return forStatement();
                case "do": return doWhile();
                case "while": return whileStatement();
                case "return": {
                    next();
                    if (atEnd() || check(";") || check("}") || peek().newlineBefore()) return new Return(null);
                    return new Return(expression());
                }
                case "break":
                    next();
                    return new Break();
                case "continue":
                    next();
                    return new Continue();
                case "try": return tryCatch();
                case "throw": return throwStatement();
                case "delete":
                    if (peek(1).kind() == Kind.IDENT && peek(1).text().equals("from")) return delete();
                    break;
                case "update": {
                    // update <table expression> set ...: look ahead for "set" after the table
                    int save = pos;
                    next();
                    if (peek().kind() == Kind.IDENT) {
                        postfix();
                        boolean isUpdate = checkWord("set");
                        pos = save;
                        if (isUpdate) return update();
                    }
                    pos = save;
                    break;
                }
                case "share": {
                    next();
                    Expr value = expression();
                    expectWord("as");
                    String name = identifier();
                    return new Assign(List.of(new Var(name)), value);
                }
                case "go":
                    next();
                    return new Block(List.of());
                default: break;
            }
        }
        if (check("{")) return block();
        Expr first = expression();
        if (check(",") && !peek(1).newlineBefore()) {
            // a, b = f(): several targets
            List<Expr> targets = new ArrayList<>(List.of(first));
            int save = pos;
            while (accept(",")) targets.add(expression());
            if (check("=")) {
                next();
                return new Assign(targets, expression());
            }
            pos = save;
            throw error("Unexpected ','");
        }
        if (check("=")) {
            next();
            return new Assign(List.of(first), expression());
        }
        return new ExprStmt(first);
    }

    private Block block() {
        expect("{");
        List<Stmt> body = new ArrayList<>();
        while (!check("}")) {
            if (atEnd()) throw error("Missing '}'");
            if (accept(";")) continue;
            body.add(statement());
        }
        expect("}");
        return new Block(body);
    }

    private Stmt bodyStatement() {
        return check("{") ? block() : statement();
    }

    private FunctionDef functionDef(String name) {
        expect("(");
        List<Param> params = new ArrayList<>();
        if (!check(")")) {
            do {
                boolean mutable = acceptWord("mutable");
                params.add(new Param(identifier(), mutable));
            } while (accept(","));
        }
        expect(")");
        Stmt body;
        if (accept(":")) {
            body = new Return(expression());
        } else {
            body = block();
        }
        return new FunctionDef(name, params, body);
    }

    private Stmt ifStatement() {
        expectWord("if");
        expect("(");
        Expr condition = expression();
        expect(")");
        Stmt then = bodyStatement();
        int save = pos;
        while (accept(";")) { }
        if (acceptWord("else")) return new If(condition, then, bodyStatement());
        pos = save;
        return new If(condition, then, null);
    }

    private Stmt forStatement() {
        expectWord("for");
        expect("(");
        String variable = identifier();
        expectWord("in");
        Expr iterable = expression();
        expect(")");
        return new For(variable, iterable, bodyStatement());
    }

    private Stmt whileStatement() {
        expectWord("while");
        expect("(");
        Expr condition = expression();
        expect(")");
        return new While(condition, bodyStatement(), false);
    }

    private Stmt doWhile() {
        expectWord("do");
        Stmt body = bodyStatement();
        expectWord("while");
        expect("(");
        Expr condition = expression();
        expect(")");
        return new While(condition, body, true);
    }

    private Stmt tryCatch() {
        expectWord("try");
        Stmt body = block();
        expectWord("catch");
        expect("(");
        String variable = identifier();
        expect(")");
        return new TryCatch(body, variable, block());
    }

    /**
     * throw e. DolphinDB's error text quotes the statement as it prints it back: a string literal
     * in double quotes whichever quotes the script used ({@code throw 'x'} gives
     * {@code throw "x" => x}, as the Python and JavaScript APIs' own tests expect); other tokens
     * are quoted as written, separated by single spaces.
     */
    private Stmt throwStatement() {
        expectWord("throw");
        int start = pos;
        Expr value = expression();
        StringBuilder statement = new StringBuilder("throw");
        for (Token t : tokens.subList(start, pos)) {
            statement.append(' ').append(t.kind() == Kind.STRING ? '"' + t.value().getString() + '"' : t.text());
        }
        return new Throw(value, statement.toString());
    }

    private Stmt delete() {
        expectWord("delete");
        expectWord("from");
        Expr from = postfix();
        List<Expr> where = acceptWord("where") ? conditions() : List.of();
        return new Delete(from, where);
    }

    private Stmt update() {
        expectWord("update");
        Expr table = postfix();
        expectWord("set");
        List<Assign> sets = new ArrayList<>();
        do {
            String column = identifier();
            expect("=");
            sets.add(new Assign(List.of(new Var(column)), expression()));
        } while (accept(","));
        List<Expr> where = acceptWord("where") ? conditions() : List.of();
        return new Update(table, sets, where);
    }

    // ---- expressions --------------------------------------------------------------------------

    public Expr expression() {
        return or();
    }

    private Expr or() {
        Expr left = and();
        while (check("||") || checkWord("or")) {
            next();
            left = new Binary("or", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (check("&&") || checkWord("and")) {
            next();
            left = new Binary("and", left, not());
        }
        return left;
    }

    private Expr not() {
        if (checkWord("not") && !(peek(1).kind() == Kind.OP && peek(1).text().equals("("))) {
            next();
            return new Unary("not", not());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = bitwise();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OP) {
                String op = t.text();
                if (op.equals(">") && metaDepth > 0 && (!startsOperand(peek(1)) || peek(1).newlineBefore())) return left;
                if (op.equals("==") || op.equals("!=") || op.equals("<>") || op.equals("<") || op.equals("<=")
                        || op.equals(">") || op.equals(">=") || (op.equals("=") && sqlConditionDepth > 0)) {
                    next();
                    String norm = op.equals("=") ? "==" : op.equals("<>") ? "!=" : op;
                    left = new Binary(norm, left, bitwise());
                    continue;
                }
                return left;
            }
            if (t.kind() != Kind.IDENT) return left;
            boolean negated = false;
            int save = pos;
            if (t.text().equals("not")) {
                next();
                negated = true;
            }
            if (acceptWord("in")) {
                Expr in = new Binary("in", left, bitwise());
                left = negated ? new Unary("not", in) : in;
            } else if (acceptWord("between")) {
                Expr low = additiveNoPair();
                Expr high;
                if (acceptWord("and")) high = additiveNoPair();
                else if (accept(":")) high = additiveNoPair();
                else throw error("between expects 'and' or ':'");
                left = new Between(left, low, high, negated);
            } else if (acceptWord("like")) {
                Expr like = new Call(new Var("like"), List.of(new Arg(null, left), new Arg(null, bitwise())));
                left = negated ? new Unary("not", like) : like;
            } else if (!negated && acceptWord("is")) {
                boolean not = acceptWord("not");
                if (!acceptWord("null") && !acceptWord("NULL")) throw new ScriptException("Keyword IS must be followed by [NOT] NULL.");
                Expr test = new Call(new Var(not ? "isValid" : "isNull"), List.of(new Arg(null, left)));
                left = test;
            } else {
                pos = save;
                return left;
            }
        }
    }

    /** An operand of between: an additive expression whose ':' separates the bounds. */
    private Expr additiveNoPair() {
        Expr left = rangeOnly();
        while (check("+") || check("-") || check("*") || check("/")) {
            String op = next().text();
            left = new Binary(op, left, rangeOnly());
        }
        return left;
    }

    private Expr rangeOnly() {
        Expr left = unary();
        if (accept("..")) return new Binary("..", left, unary());
        return left;
    }

    private boolean startsOperand(Token t) {
        return switch (t.kind()) {
            case LITERAL, STRING, SYMBOLS -> true;
            case IDENT -> !CLAUSE_WORDS.contains(t.text()) && !t.text().equals("and") && !t.text().equals("or");
            case OP -> t.text().equals("(") || t.text().equals("[") || t.text().equals("-");
            default -> false;
        };
    }

    // DolphinDB's precedence, lowest first: or, and, comparison, |, ^, &, shifts, + -, * / % \,
    // then (tighter) $ cast, : pair, .. seq, unary minus and not, postfix.

    private Expr bitwise() {
        Expr left = bitXor();
        while (check("|")) {
            next();
            left = new Binary("|", left, bitXor());
        }
        return left;
    }

    private Expr bitXor() {
        Expr left = bitAnd();
        while (check("^")) {
            next();
            left = new Binary("^", left, bitAnd());
        }
        return left;
    }

    private Expr bitAnd() {
        Expr left = shift();
        while (check("&")) {
            next();
            left = new Binary("&", left, shift());
        }
        return left;
    }

    private Expr shift() {
        Expr left = additive();
        while (check("<<") || check(">>")) {
            if (check(">>") && metaDepth > 0 && !startsOperand(peek(1))) return left;
            String op = next().text();
            left = new Binary(op, left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (check("+") || check("-")) {
            String op = next().text();
            left = new Binary(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = cast();
        while (check("*") || check("/") || check("%") || check("\\")) {
            String op = next().text();
            left = new Binary(op, left, cast());
        }
        return left;
    }

    private Expr cast() {
        Expr left = pair();
        while (check("$")) {
            next();
            left = new Binary("$", left, pair());
        }
        return left;
    }

    private Expr pair() {
        Expr left = range();
        if (check(":")) {
            next();
            return new Pair(left, range());
        }
        return left;
    }

    private Expr range() {
        Expr left = unary();
        if (accept("..")) return new Binary("..", left, unary());
        return left;
    }

    private Expr unary() {
        if (check("-")) {
            next();
            Expr operand = unary();
            if (operand instanceof Literal lit && lit.value() instanceof Scalar s && Types.isNumeric(s.getDataType())) {
                return new Literal(negate(s));
            }
            return new Unary("-", operand);
        }
        if (check("!")) {
            next();
            return new Unary("not", unary());
        }
        return postfix();
    }

    private static Entity negate(Scalar s) {
        return Operators.negate(s);
    }

    private Expr postfix() {
        Expr e = primary();
        while (true) {
            Token t = peek();
            if (t.kind() != Kind.OP || t.newlineBefore()) {
                // a call or index must start on the same line as its target
                if (t.kind() == Kind.OP && t.newlineBefore() && t.text().equals(".")) {
                    // method chains may continue on the next line
                } else {
                    return e;
                }
            }
            switch (t.text()) {
                case "(" -> {
                    next();
                    e = new Call(e, arguments(")"));
                }
                case "{" -> {
                    if (!isCallable(e)) return e;
                    next();
                    e = new Partial(e, partialArguments());
                }
                case "[" -> {
                    next();
                    Expr index = check(":") ? null : expression();
                    expect("]");
                    e = new Index(e, index);
                }
                case "." -> {
                    if (peek(1).kind() != Kind.IDENT) return e;
                    next();
                    String name = identifier();
                    if (check("(") && !peek().newlineBefore()) {
                        next();
                        List<Arg> args = new ArrayList<>();
                        args.add(new Arg(null, e));
                        args.addAll(arguments(")"));
                        e = new Call(new Var(name), args);
                    } else if (check("{")) {
                        next();
                        List<Expr> fixed = new ArrayList<>();
                        fixed.add(e);
                        fixed.addAll(partialArguments());
                        e = new Partial(new Var(name), fixed);
                    } else {
                        e = new Member(e, name);
                    }
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private static boolean isCallable(Expr e) {
        return e instanceof Var || e instanceof Partial || e instanceof Lambda || e instanceof Call || e instanceof Member;
    }

    private List<Arg> arguments(String close) {
        List<Arg> args = new ArrayList<>();
        if (accept(close)) return args;
        do {
            if (check(",") || check(close)) {
                // an empty argument, f(a, , c): the parameter is not given
                args.add(new Arg(null, null));
                continue;
            }
            if (check("*") && (peek(1).text().equals(close) || peek(1).text().equals(","))) {
                next();
                args.add(new Arg(null, new Star()));
                continue;
            }
            if (peek().kind() == Kind.IDENT && peek(1).kind() == Kind.OP && peek(1).text().equals("=")) {
                String name = identifier();
                next();
                args.add(new Arg(name, expression()));
            } else {
                Expr value = expression();
                if (acceptWord("as")) value = new Alias(value, identifier());
                args.add(new Arg(null, value));
            }
        } while (accept(","));
        expect(close);
        return args;
    }

    private List<Expr> partialArguments() {
        List<Expr> fixed = new ArrayList<>();
        if (accept("}")) return fixed;
        while (true) {
            if (check(",")) {
                fixed.add(null);
            } else if (check("}")) {
                fixed.add(null);
                break;
            } else {
                fixed.add(expression());
            }
            if (accept("}")) return fixed;
            expect(",");
        }
        expect("}");
        return fixed;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case LITERAL -> {
                next();
                if (t.value().isScalar() && startsSpaceVector()) return spaceSeparatedVector(t.value());
                return new Literal(t.value());
            }
            case STRING -> {
                next();
                return new Literal(t.value());
            }
            case SYMBOLS -> {
                next();
                List<String> names = t.symbols();
                if (names.size() == 1) return new Literal(Scalars.string(names.get(0)));
                return new Literal(new com.xxdb.data.BasicStringVector(names.toArray(new String[0])));
            }
            case IDENT -> {
                switch (t.text()) {
                    case "select": return select(false);
                    case "exec": return select(true);
                    case "def": {
                        next();
                        return new Lambda(functionDef(null));
                    }
                    default: {
                        if (CLAUSE_WORDS.contains(t.text()) && sqlConditionDepth > 0 && !t.text().equals("map")) {
                            throw error("Unexpected '" + t.text() + "'");
                        }
                        next();
                        return new Var(t.text());
                    }
                }
            }
            case OP -> {
                switch (t.text()) {
                    case "(" -> {
                        next();
                        if (accept(")")) return new TupleLit(List.of());
                        int saveSql = sqlConditionDepth;
                        int saveMeta = metaDepth;
                        sqlConditionDepth = 0;
                        metaDepth = 0;
                        Expr first = expression();
                        if (accept(")")) {
                            sqlConditionDepth = saveSql;
                            metaDepth = saveMeta;
                            return first;
                        }
                        List<Expr> items = new ArrayList<>(List.of(first));
                        while (accept(",")) {
                            if (check(")")) break;
                            items.add(expression());
                        }
                        expect(")");
                        sqlConditionDepth = saveSql;
                        metaDepth = saveMeta;
                        return new TupleLit(items);
                    }
                    case "[" -> {
                        next();
                        int saveSql = sqlConditionDepth;
                        int saveMeta = metaDepth;
                        sqlConditionDepth = 0;
                        metaDepth = 0;
                        List<Expr> items = new ArrayList<>();
                        if (!check("]")) {
                            do {
                                if (check("]")) break;
                                // an empty element, as in the filter [,[0]], is an empty (VOID) element of a tuple
                                items.add(check(",") ? new Literal(new com.xxdb.data.Void()) : expression());
                            } while (accept(","));
                        }
                        expect("]");
                        sqlConditionDepth = saveSql;
                        metaDepth = saveMeta;
                        return new VectorLit(items);
                    }
                    case "<" -> {
                        next();
                        metaDepth++;
                        int saveSql = sqlConditionDepth;
                        sqlConditionDepth = 0;
                        Expr body = expression();
                        sqlConditionDepth = saveSql;
                        metaDepth--;
                        expect(">");
                        return new Meta(body);
                    }
                    default -> throw error("Cannot recognize the token " + t.text());
                }
            }
            default -> throw error("Unexpected end of script");
        }
    }

    /** DolphinDB reads "1 2 3" (numbers or temporal values separated by spaces on one line) as a vector. */
    private boolean startsSpaceVector() {
        Token t = peek();
        return t.kind() == Kind.LITERAL && !t.newlineBefore() && t.value().isScalar();
    }

    private Expr spaceSeparatedVector(Entity first) {
        List<Entity> items = new ArrayList<>(List.of(first));
        while (startsSpaceVector()) items.add(next().value());
        return new Literal(Vectors.fromElements(items));
    }

    // ---- SQL ----------------------------------------------------------------------------------

    private Expr select(boolean exec) {
        next();
        long hints = 0;
        if (check("[")) {
            // [HINT_SEQ, HINT_KEEPORDER, ...]
            next();
            do {
                String hint = identifier();
                hints |= hintValue(hint);
            } while (accept(","));
            expect("]");
        }
        Expr top = null;
        if (acceptWord("top")) top = topValue();
        boolean distinct = acceptWord("distinct");
        List<SelectItem> columns = new ArrayList<>();
        do {
            if (check("*")) {
                next();
                columns.add(new SelectItem(new Star(), null));
                continue;
            }
            Expr e = expression();
            String alias = acceptWord("as") ? identifier() : null;
            columns.add(new SelectItem(e, alias));
        } while (accept(","));
        Expr from = null;
        if (acceptWord("from")) from = postfix();
        List<Expr> where = List.of();
        List<Expr> groupBy = List.of();
        boolean contextBy = false;
        List<OrderItem> orderBy = List.of();
        Expr limitOffset = null;
        Expr limit = null;
        Expr having = null;
        while (true) {
            if (acceptWord("where")) {
                where = conditions();
            } else if (checkWord("group") || checkWord("context")) {
                contextBy = next().text().equals("context");
                expectWord("by");
                groupBy = new ArrayList<>();
                do {
                    Expr key = expression();
                    groupBy.add(acceptWord("as") ? new Alias(key, identifier()) : key);
                } while (accept(","));
            } else if (acceptWord("having")) {
                sqlConditionDepth++;
                having = expression();
                sqlConditionDepth--;
            } else if (checkWord("order")) {
                next();
                expectWord("by");
                orderBy = new ArrayList<>();
                do {
                    Expr e = expression();
                    boolean asc = true;
                    if (acceptWord("desc")) asc = false;
                    else acceptWord("asc");
                    orderBy.add(new OrderItem(e, asc));
                } while (accept(","));
            } else if (acceptWord("limit")) {
                Expr first = topValue();
                if (accept(",")) {
                    limitOffset = first;
                    limit = topValue();
                } else {
                    limit = first;
                }
            } else {
                break;
            }
        }
        return new Select(exec, columns, from, where, groupBy, contextBy, orderBy, top, limitOffset, limit, distinct, hints, having);
    }

    private Expr topValue() {
        Token t = peek();
        if (t.kind() == Kind.LITERAL) {
            next();
            if (check(":")) {
                next();
                Token end = next();
                return new Pair(new Literal(t.value()), new Literal(end.value()));
            }
            return new Literal(t.value());
        }
        return unary();
    }

    private List<Expr> conditions() {
        sqlConditionDepth++;
        List<Expr> out = new ArrayList<>();
        do {
            out.add(expression());
        } while (accept(","));
        sqlConditionDepth--;
        return out;
    }

    private static long hintValue(String hint) {
        return switch (hint) {
            case "HINT_LOCAL" -> 1;
            case "HINT_HASH" -> 32;
            case "HINT_SNAPSHOT" -> 64;
            case "HINT_KEEPORDER" -> 128;
            case "HINT_SEQ" -> 512;
            case "HINT_NOMERGE" -> 1024;
            case "HINT_PRELOAD" -> 4096;
            case "HINT_EXPLAIN" -> 32768;
            case "HINT_SORT" -> 524288;
            case "HINT_VECTORIZED" -> 4194304;
            default -> throw new ScriptException("Unrecognized hint " + hint);
        };
    }
}
