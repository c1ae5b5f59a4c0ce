package io.ddbsync.standin.script;

import com.xxdb.data.*;
import io.ddbsync.standin.value.Temporals;
import io.ddbsync.standin.value.TypedNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits DolphinDB script text into tokens. Literals (numbers, temporal values, typed NULLs,
 * strings, symbols) are turned into values here, so the parser only sees finished constants.
 */
public final class Lexer {

    public enum Kind { IDENT, LITERAL, STRING, SYMBOLS, OP, EOF }

    /** One token. {@code newlineBefore} lets the parser end a statement at a line break. */
    public record Token(Kind kind, String text, Entity value, List<String> symbols, int line, boolean newlineBefore) {
        public boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(op);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "end of script" : text;
        }
    }

    private static final String[] OPERATORS = {
            "<-", "<=", ">=", "==", "!=", "<>", "&&", "||", "<<", ">>", "..",
            "+", "-", "*", "/", "%", "\\", "=", "<", ">", "!", "&", "|", "^", ":", "$",
            "(", ")", "[", "]", "{", "}", ",", ";", ".", "?", "@"};

    private final String src;
    private int pos;
    private int line = 1;
    private boolean newline;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    public static List<Token> tokenize(String src) {
        Lexer lexer = new Lexer(src);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                add(Kind.EOF, "", null, null);
                return;
            }
            char c = src.charAt(pos);
            if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))
                    && !previousIsOperand())) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                identifier();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (c == '`') {
                symbols();
            } else {
                operator();
            }
        }
    }

    private boolean previousIsOperand() {
        if (tokens.isEmpty()) return false;
        Token t = tokens.get(tokens.size() - 1);
        return t.kind != Kind.OP || t.text.equals(")") || t.text.equals("]");
    }

    private void add(Kind kind, String text, Entity value, List<String> symbols) {
        tokens.add(new Token(kind, text, value, symbols, line, newline));
        newline = false;
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                newline = true;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                int stop = end < 0 ? src.length() : end + 2;
                for (int i = pos; i < stop; i++) if (src.charAt(i) == '\n') {
                    line++;
                    newline = true;
                }
                pos = stop;
            } else {
                return;
            }
        }
    }

    private void identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
        // function names such as append! and upsert! carry a trailing '!' (but not a '!=' operator)
        if (pos < src.length() && src.charAt(pos) == '!' && !(pos + 1 < src.length() && src.charAt(pos + 1) == '=')) pos++;
        String word = src.substring(start, pos);
        switch (word) {
            case "true" -> add(Kind.LITERAL, word, new BasicBoolean(true), null);
            case "false" -> add(Kind.LITERAL, word, new BasicBoolean(false), null);
            case "NULL" -> add(Kind.LITERAL, word, new com.xxdb.data.Void(), null);
            default -> add(Kind.IDENT, word, null, null);
        }
    }

    private void string(char quote) {
        StringBuilder sb = new StringBuilder();
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length()) throw new ScriptException("Syntax Error: [line #" + line + "] unterminated string " + src.substring(start, Math.min(src.length(), start + 20)));
            char c = src.charAt(pos++);
            if (c == quote) break;
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    default -> sb.append(e);
                }
            } else {
                if (c == '\n') line++;
                sb.append(c);
            }
        }
        add(Kind.STRING, src.substring(start, pos), new BasicString(sb.toString()), null);
    }

    /** `a`b`c: one or more backtick symbols. A single one is a STRING scalar, several a STRING vector. */
    private void symbols() {
        int start = pos;
        List<String> names = new ArrayList<>();
        while (pos < src.length() && src.charAt(pos) == '`') {
            pos++;
            int s = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                    || src.charAt(pos) == '.' && pos + 1 < src.length() && Character.isLetterOrDigit(src.charAt(pos + 1)))) pos++;
            names.add(src.substring(s, pos));
        }
        add(Kind.SYMBOLS, src.substring(start, pos), null, names);
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                add(Kind.OP, op, null, null);
                return;
            }
        }
        throw new ScriptException("Syntax Error: [line #" + line + "] Cannot recognize the token " + src.charAt(pos));
    }

    private boolean matches(String regex) {
        return java.util.regex.Pattern.compile(regex).matcher(src).region(pos, src.length()).lookingAt();
    }

    private String take(String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(src).region(pos, src.length());
        if (!m.lookingAt()) return null;
        pos = m.end();
        return m.group();
    }

    private static final String DATE = "\\d{4}\\.\\d{2}\\.\\d{2}";
    private static final String CLOCK = "\\d{2}:\\d{2}:\\d{2}";

    private void number() {
        int start = pos;
        String s;
        if ((s = take(DATE + "[T ]" + CLOCK + "(\\.\\d+)?(?![\\d:])")) != null) {
            int frac = s.indexOf('.', 10) < 0 ? 0 : s.length() - s.indexOf('.', 10) - 1;
            String norm = s.replace(' ', 'T');
            Entity v = frac == 0 ? Temporals.parseLiteral(norm, Entity.DATA_TYPE.DT_DATETIME)
                    : frac <= 3 ? Temporals.parseLiteral(norm, Entity.DATA_TYPE.DT_TIMESTAMP)
                    : Temporals.parseLiteral(norm, Entity.DATA_TYPE.DT_NANOTIMESTAMP);
            add(Kind.LITERAL, s, v, null);
        } else if ((s = take(DATE + "(?![\\d])")) != null) {
            add(Kind.LITERAL, s, Temporals.parseLiteral(s, Entity.DATA_TYPE.DT_DATE), null);
        } else if ((s = take("\\d{4}\\.\\d{2}M")) != null) {
            add(Kind.LITERAL, s, Temporals.parseLiteral(s, Entity.DATA_TYPE.DT_MONTH), null);
        } else if ((s = take(CLOCK + "\\.\\d+")) != null) {
            int frac = s.length() - s.indexOf('.') - 1;
            add(Kind.LITERAL, s, Temporals.parseLiteral(s, frac <= 3 ? Entity.DATA_TYPE.DT_TIME : Entity.DATA_TYPE.DT_NANOTIME), null);
        } else if ((s = take(CLOCK + "(?![\\d])")) != null) {
            add(Kind.LITERAL, s, Temporals.parseLiteral(s, Entity.DATA_TYPE.DT_SECOND), null);
        } else if ((s = take("\\d{2}:\\d{2}m(?![A-Za-z0-9_])")) != null) {
            add(Kind.LITERAL, s, Temporals.parseLiteral(s, Entity.DATA_TYPE.DT_MINUTE), null);
        } else if ((s = take("00[bchilfFdMtmsDTnNH](?![A-Za-z0-9_])")) != null) {
            add(Kind.LITERAL, s, TypedNull.of(s.charAt(2)), null);
        } else if ((s = take("(\\d+\\.\\d*(?!\\.)|\\.\\d+|\\d+(?=[eE][+-]?\\d))([eE][+-]?\\d+)?[fFP]?")) != null) {
            add(Kind.LITERAL, s, floating(s), null);
        } else if ((s = take("\\d+[lhcbi]?(?![A-Za-z_])")) != null) {
            add(Kind.LITERAL, s, integer(s), null);
        } else {
            throw new ScriptException("Syntax Error: [line #" + line + "] Cannot recognize the token " + src.substring(start, Math.min(src.length(), start + 10)));
        }
    }

    private Entity floating(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == 'f' || last == 'F') return new BasicFloat(Float.parseFloat(s.substring(0, s.length() - 1)));
        if (last == 'P') {
            String digits = s.substring(0, s.length() - 1);
            int scale = digits.contains(".") ? digits.length() - digits.indexOf('.') - 1 : 0;
            return new BasicDecimal64(digits, scale);
        }
        return new BasicDouble(Double.parseDouble(s));
    }

    private Entity integer(String s) {
        char last = s.charAt(s.length() - 1);
        String digits = Character.isDigit(last) ? s : s.substring(0, s.length() - 1);
        try {
            long v = Long.parseLong(digits);
            switch (last) {
                case 'l': return new BasicLong(v);
                case 'h': return new BasicShort((short) v);
                case 'c': return new BasicByte((byte) v);
                case 'b': return new BasicBoolean(v != 0);
                default:
                    return v <= Integer.MAX_VALUE ? new BasicInt((int) v) : new BasicLong(v);
            }
        } catch (NumberFormatException e) {
            return new BasicDouble(Double.parseDouble(digits));
        }
    }
}
