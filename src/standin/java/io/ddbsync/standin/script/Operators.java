package io.ddbsync.standin.script;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.value.*;

import java.math.BigDecimal;
import java.util.Arrays;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/**
 * DolphinDB's operators on scalars and vectors (element-wise, a scalar broadcast against a vector):
 * arithmetic with DolphinDB's type rules, temporal arithmetic, comparisons with NULL as the
 * minimum value and the coarser temporal type converted to the finer, and three-valued logic
 * reduced to DolphinDB's (a NULL condition does not select a row).
 */
public final class Operators {
    private Operators() {
    }

    public static Entity binary(String op, Entity a, Entity b) {
        a = unwrap(a);
        b = unwrap(b);
        if (a.isTable() || b.isTable()) throw new ScriptException("The operator " + op + " doesn't support table arguments");
        int n = length(a, b, op);
        return switch (op) {
            case "==", "!=", "<", "<=", ">", ">=" -> compare(op, a, b, n);
            case "and", "or" -> logical(op, a, b, n);
            case "+", "-", "*", "/", "%", "\\" -> arithmetic(op, a, b, n);
            case "&", "|", "^", "<<", ">>" -> bitwise(op, a, b, n);
            case ".." -> range(a, b);
            case "$" -> cast(a, b);
            case "in" -> in(a, b);
            default -> throw new ScriptException("Unsupported operator " + op);
        };
    }

    private static Entity unwrap(Entity e) {
        if (e instanceof RuntimeValue r) {
            Entity w = r.toWire();
            if (w != null) return w;
        }
        return e;
    }

    /** -1 when both are scalars, else the common vector length. */
    private static int length(Entity a, Entity b, String op) {
        boolean va = a.isVector() || a.isPair();
        boolean vb = b.isVector() || b.isPair();
        if (va && vb && a.rows() != b.rows() && !op.equals("in") && !op.equals("$")) {
            throw new ScriptException("The size of the two vectors are not consistent for operator " + op);
        }
        if (va) return a.rows();
        if (vb) return b.rows();
        return -1;
    }

    // ---- comparison ---------------------------------------------------------------------------

    private static Entity compare(String op, Entity a, Entity b, int n) {
        DATA_TYPE ta = a.getDataType();
        DATA_TYPE tb = b.getDataType();
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        byte[] out = new byte[len];
        if (Types.isLiteral(ta) || Types.isLiteral(tb)) {
            if (Types.isTemporal(ta) && Types.isLiteral(tb)) {
                b = Casts.to(b, ta, 0, "compare");
            } else if (Types.isTemporal(tb) && Types.isLiteral(ta)) {
                a = Casts.to(a, tb, 0, "compare");
            } else {
                String[] x = strings(a, len);
                String[] y = strings(b, len);
                for (int i = 0; i < len; i++) out[i] = test(op, x[i].compareTo(y[i]));
                return bools(out, n);
            }
            ta = a.getDataType();
            tb = b.getDataType();
        }
        if (Types.isBinary128(ta) || Types.isBinary128(tb)) {
            String[] x = strings(a, len);
            String[] y = strings(b, len);
            for (int i = 0; i < len; i++) out[i] = test(op, x[i].compareTo(y[i]));
            return bools(out, n);
        }
        if (Types.isTemporal(ta) && Types.isTemporal(tb) && ta != tb) {
            DATA_TYPE finer = Temporals.rank(ta) >= Temporals.rank(tb) ? ta : tb;
            if (Temporals.hasDate(ta) != Temporals.hasDate(tb)) {
                throw new ScriptException("Temporal data comparison between " + ta.getName() + " and " + tb.getName() + " is not supported");
            }
            a = Casts.to(a, finer, 0, "compare");
            b = Casts.to(b, finer, 0, "compare");
            ta = tb = finer;
        }
        if ((Types.isIntegerBacked(ta) || ta == DT_VOID) && (Types.isIntegerBacked(tb) || tb == DT_VOID)) {
            long[] x = longs(a, len);
            long[] y = longs(b, len);
            for (int i = 0; i < len; i++) out[i] = test(op, Long.compare(x[i], y[i]));
            return bools(out, n);
        }
        double[] x = doubles(a, len);
        double[] y = doubles(b, len);
        for (int i = 0; i < len; i++) {
            // NULL is the smallest value
            double p = Double.isNaN(x[i]) ? Double.NEGATIVE_INFINITY : x[i];
            double q = Double.isNaN(y[i]) ? Double.NEGATIVE_INFINITY : y[i];
            out[i] = test(op, Double.compare(p, q));
        }
        return bools(out, n);
    }

    private static byte test(String op, int c) {
        boolean r = switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
        return (byte) (r ? 1 : 0);
    }

    private static Entity bools(byte[] values, int n) {
        return n < 0 ? new BasicBoolean(values[0] == 1) : new BasicBooleanVector(values);
    }

    public static Entity between(Entity value, Entity low, Entity high) {
        Entity ge = binary(">=", value, low);
        Entity le = binary("<=", value, high);
        return binary("and", ge, le);
    }

    // ---- logic --------------------------------------------------------------------------------

    private static Entity logical(String op, Entity a, Entity b, int n) {
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        byte[] x = truths(a, len);
        byte[] y = truths(b, len);
        byte[] out = new byte[len];
        boolean and = op.equals("and");
        for (int i = 0; i < len; i++) out[i] = (byte) (and ? (x[i] & y[i]) : (x[i] | y[i]));
        return bools(out, n);
    }

    public static Entity not(Entity a) {
        a = unwrap(a);
        int n = a.isScalar() ? -1 : a.rows();
        byte[] x = truths(a, n < 0 ? 1 : n);
        for (int i = 0; i < x.length; i++) x[i] = (byte) (x[i] == 1 ? 0 : 1);
        return bools(x, n);
    }

    /** 1 where the value is true, 0 where false or NULL. */
    public static byte[] truths(Entity a, int len) {
        byte[] out = new byte[len];
        if (a.isScalar()) {
            Arrays.fill(out, (byte) (Scalars.truth(a) ? 1 : 0));
            return out;
        }
        if (a instanceof BasicBooleanVector bv) {
            byte[] v = bv.getValues();
            for (int i = 0; i < len; i++) out[i] = (byte) (v[i] == 1 ? 1 : 0);
            return out;
        }
        long[] l = Vectors.longs((Vector) a);
        for (int i = 0; i < len; i++) out[i] = (byte) (l[i] != 0 && l[i] != Long.MIN_VALUE ? 1 : 0);
        return out;
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    private static Entity arithmetic(String op, Entity a, Entity b, int n) {
        DATA_TYPE ta = a.getDataType();
        DATA_TYPE tb = b.getDataType();
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        if ((ta == DT_STRING || ta == DT_SYMBOL) && op.equals("+")) {
            return concat(a, b, n);
        }
        if (Types.isTemporal(ta) || Types.isTemporal(tb)) return temporalArithmetic(op, a, b, n);
        if (Types.isDecimal(ta) || Types.isDecimal(tb)) return decimalArithmetic(op, a, b, n);
        boolean integral = (Types.isIntegral(ta) || ta == DT_VOID) && (Types.isIntegral(tb) || tb == DT_VOID);
        if (integral && !op.equals("\\")) {
            DATA_TYPE rt = (ta == DT_LONG || tb == DT_LONG) ? DT_LONG : DT_INT;
            long[] x = longs(a, len);
            long[] y = longs(b, len);
            long[] out = new long[len];
            for (int i = 0; i < len; i++) {
                if (x[i] == Long.MIN_VALUE || y[i] == Long.MIN_VALUE) {
                    out[i] = Long.MIN_VALUE;
                    continue;
                }
                out[i] = switch (op) {
                    case "+" -> x[i] + y[i];
                    case "-" -> x[i] - y[i];
                    case "*" -> x[i] * y[i];
                    case "/" -> y[i] == 0 ? Long.MIN_VALUE : Math.floorDiv(x[i], y[i]);
                    default -> y[i] == 0 ? Long.MIN_VALUE : Math.floorMod(x[i], y[i]);
                };
                if (rt == DT_INT && out[i] != Long.MIN_VALUE) out[i] = (int) out[i];
            }
            return n < 0 ? Scalars.ofLong(rt, out[0]) : Vectors.fromLongs(rt, out);
        }
        if (!(Types.isNumeric(ta) || ta == DT_VOID) || !(Types.isNumeric(tb) || tb == DT_VOID)) {
            throw new ScriptException("The operator " + op + " doesn't support " + ta.getName() + " and " + tb.getName());
        }
        DATA_TYPE rt = ta == DT_FLOAT && tb == DT_FLOAT ? DT_FLOAT : DT_DOUBLE;
        double[] x = doubles(a, len);
        double[] y = doubles(b, len);
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = switch (op) {
                case "+" -> x[i] + y[i];
                case "-" -> x[i] - y[i];
                case "*" -> x[i] * y[i];
                case "/", "\\" -> y[i] == 0 ? Double.NaN : x[i] / y[i];
                default -> y[i] == 0 ? Double.NaN : x[i] - Math.floor(x[i] / y[i]) * y[i];
            };
        }
        return n < 0 ? Scalars.ofDouble(rt, out[0]) : Vectors.fromDoubles(rt, out);
    }

    /**
     * String + string, element-wise, into a packed STRING vector (PackedStrings): a packed
     * operand's elements are copied as bytes, a scalar operand is encoded once, and no String is
     * made per element.
     */
    private static Entity concat(Entity a, Entity b, int n) {
        if (n < 0) return new BasicString(Scalars.text(a).concat(Scalars.text(b)));
        Operand x = new Operand(a);
        Operand y = new Operand(b);
        PackedStrings.Builder out = new PackedStrings.Builder(n, x.byteEstimate(n) + y.byteEstimate(n));
        for (int i = 0; i < n; i++) {
            x.appendTo(out, i);
            y.appendTo(out, i);
            out.end();
        }
        return out.build();
    }

    /** One side of a string +: a scalar's text (as UTF-8 when it can be), a packed vector, or a vector's Strings. */
    private static final class Operand {
        private final String scalar;
        private final byte[] scalarBytes;
        private final PackedStrings packed;
        private final String[] strings;

        Operand(Entity e) {
            if (e.isScalar()) {
                scalar = Scalars.text(e);
                scalarBytes = PackedStrings.utf8(scalar);
                packed = null;
                strings = null;
            } else {
                scalar = null;
                scalarBytes = null;
                packed = e instanceof PackedStrings p && p.isPacked() ? p : null;
                strings = packed == null ? Vectors.strings((Vector) e) : null;
            }
        }

        void appendTo(PackedStrings.Builder out, int i) {
            if (packed != null) out.append(packed, i);
            else if (scalarBytes != null) out.append(scalarBytes, 0, scalarBytes.length);
            else out.append(scalar != null ? scalar : strings[i]);
        }

        int byteEstimate(int n) {
            if (packed != null) return packed.offsets()[n];
            if (scalarBytes != null) return (int) Math.min(Integer.MAX_VALUE / 4, (long) scalarBytes.length * n);
            return n * 8;
        }
    }

    private static Entity temporalArithmetic(String op, Entity a, Entity b, int n) {
        DATA_TYPE ta = a.getDataType();
        DATA_TYPE tb = b.getDataType();
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        long[] x = longs(a, len);
        long[] y = longs(b, len);
        long[] out = new long[len];
        DATA_TYPE rt;
        if (Types.isTemporal(ta) && Types.isTemporal(tb)) {
            if (!op.equals("-") || ta != tb) {
                throw new ScriptException("The operator " + op + " doesn't support " + ta.getName() + " and " + tb.getName());
            }
            rt = Types.isLongBacked(ta) ? DT_LONG : DT_INT;
            for (int i = 0; i < len; i++) out[i] = x[i] == Long.MIN_VALUE || y[i] == Long.MIN_VALUE ? Long.MIN_VALUE : x[i] - y[i];
        } else {
            DATA_TYPE temporal = Types.isTemporal(ta) ? ta : tb;
            DATA_TYPE other = Types.isTemporal(ta) ? tb : ta;
            if (!Types.isIntegral(other) && other != DT_VOID || !(op.equals("+") || op.equals("-") && Types.isTemporal(ta))) {
                throw new ScriptException("The operator " + op + " doesn't support " + ta.getName() + " and " + tb.getName());
            }
            rt = temporal;
            boolean minus = op.equals("-");
            for (int i = 0; i < len; i++) {
                if (x[i] == Long.MIN_VALUE || y[i] == Long.MIN_VALUE) {
                    out[i] = Long.MIN_VALUE;
                    continue;
                }
                long r = minus ? x[i] - y[i] : x[i] + y[i];
                if (Temporals.hasTime(rt)) r = Math.floorMod(r, Temporals.NS_PER_DAY / Temporals.unitNanos(rt));
                out[i] = r;
            }
        }
        return n < 0 ? Scalars.ofLong(rt, out[0]) : Vectors.fromLongs(rt, out);
    }

    private static Entity decimalArithmetic(String op, Entity a, Entity b, int n) {
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        BigDecimal[] x = decimals(a, len);
        BigDecimal[] y = decimals(b, len);
        DATA_TYPE rt = widestDecimal(a.getDataType(), b.getDataType());
        if (Types.isFloating(a.getDataType()) || Types.isFloating(b.getDataType())) {
            double[] dx = doubles(a, len);
            double[] dy = doubles(b, len);
            double[] out = new double[len];
            for (int i = 0; i < len; i++) out[i] = switch (op) {
                case "+" -> dx[i] + dy[i];
                case "-" -> dx[i] - dy[i];
                case "*" -> dx[i] * dy[i];
                default -> dx[i] / dy[i];
            };
            return n < 0 ? new BasicDouble(out[0]) : Vectors.fromDoubles(DT_DOUBLE, out);
        }
        Entity[] out = new Entity[len];
        int scale = 0;
        for (int i = 0; i < len; i++) {
            if (x[i] == null || y[i] == null) {
                out[i] = null;
                continue;
            }
            BigDecimal r = switch (op) {
                case "+" -> x[i].add(y[i]);
                case "-" -> x[i].subtract(y[i]);
                case "*" -> x[i].multiply(y[i]);
                default -> x[i].divide(y[i], Math.max(x[i].scale(), y[i].scale()), java.math.RoundingMode.HALF_UP);
            };
            scale = Math.max(scale, r.scale());
            out[i] = new BasicString(r.toPlainString());
        }
        java.util.List<Entity> items = new java.util.ArrayList<>();
        for (int i = 0; i < len; i++) items.add(out[i] == null ? Casts.scalar(new com.xxdb.data.Void(), rt, scale) : Casts.scalar(out[i], rt, scale));
        return n < 0 ? items.get(0) : Vectors.fromElements(items);
    }

    private static DATA_TYPE widestDecimal(DATA_TYPE a, DATA_TYPE b) {
        if (a == DT_DECIMAL128 || b == DT_DECIMAL128) return DT_DECIMAL128;
        if (a == DT_DECIMAL64 || b == DT_DECIMAL64 || a == DT_LONG || b == DT_LONG) return DT_DECIMAL64;
        return Types.isDecimal(a) && Types.isDecimal(b) ? DT_DECIMAL32 : (Types.isDecimal(a) ? a : b);
    }

    private static Entity bitwise(String op, Entity a, Entity b, int n) {
        int len = n < 0 ? 1 : n; // n < 0: both operands are scalars
        long[] x = longs(a, len);
        long[] y = longs(b, len);
        long[] out = new long[len];
        DATA_TYPE rt = a.getDataType() == DT_LONG || b.getDataType() == DT_LONG ? DT_LONG : DT_INT;
        for (int i = 0; i < len; i++) {
            if (x[i] == Long.MIN_VALUE || y[i] == Long.MIN_VALUE) {
                out[i] = Long.MIN_VALUE;
                continue;
            }
            long r = switch (op) {
                case "&" -> x[i] & y[i];
                case "|" -> x[i] | y[i];
                case "^" -> x[i] ^ y[i];
                case "<<" -> x[i] << y[i];
                default -> x[i] >> y[i];
            };
            out[i] = rt == DT_INT ? (int) r : r;
        }
        return n < 0 ? Scalars.ofLong(rt, out[0]) : Vectors.fromLongs(rt, out);
    }

    public static Entity negate(Entity a) {
        a = unwrap(a);
        DATA_TYPE t = a.getDataType();
        if (Types.isDecimal(t)) return binary("*", a, new BasicInt(-1));
        if (Types.isFloating(t)) {
            double[] d = doubles(a, a.isScalar() ? 1 : a.rows());
            for (int i = 0; i < d.length; i++) d[i] = -d[i];
            return a.isScalar() ? Scalars.ofDouble(t, d[0]) : Vectors.fromDoubles(t, d);
        }
        if (Types.isIntegral(t)) {
            long[] l = longs(a, a.isScalar() ? 1 : a.rows());
            for (int i = 0; i < l.length; i++) if (l[i] != Long.MIN_VALUE) l[i] = -l[i];
            return a.isScalar() ? Scalars.ofLong(t, l[0]) : Vectors.fromLongs(t, l);
        }
        throw new ScriptException("The operator - doesn't support " + t.getName());
    }

    private static Entity range(Entity a, Entity b) {
        DATA_TYPE t = a.getDataType();
        long from = Scalars.rawLong(a);
        long to = Scalars.rawLong(Casts.to(b, t, 0, "range"));
        int n = (int) Math.max(0, Math.abs(to - from) + 1);
        long[] out = new long[n];
        long step = to >= from ? 1 : -1;
        for (int i = 0; i < n; i++) out[i] = from + i * step;
        return Vectors.fromLongs(Types.isIntegerBacked(t) ? t : DT_INT, out);
    }

    private static Entity cast(Entity value, Entity type) {
        if (type instanceof BasicString s) {
            String name = s.getString();
            return Casts.to(value, Types.byName(name), Types.scaleInName(name), "cast");
        }
        if (type.isScalar() && Types.isIntegral(type.getDataType())) {
            return Casts.to(value, DATA_TYPE.valueOf((int) Scalars.rawLong(type)), -1, "cast");
        }
        throw new ScriptException("The second argument of $ must be a data type");
    }

    /** x in y: membership of each element of x in the vector (or set, or scalar) y. */
    public static Entity in(Entity x, Entity y) {
        x = unwrap(x);
        y = unwrap(y);
        java.util.Set<String> keys = new java.util.HashSet<>();
        Entity target = y;
        if (y.isScalar()) {
            target = Vectors.repeat(y, 1);
        }
        DATA_TYPE tx = x.getDataType();
        Vector yv = (Vector) target;
        if (Types.isTemporal(tx) && yv.getDataType() != tx && Types.isTemporal(yv.getDataType())) {
            yv = Casts.vector(yv, tx, 0, "in");
        } else if (Types.isTemporal(tx) && Types.isLiteral(yv.getDataType())) {
            yv = Casts.vector(yv, tx, 0, "in");
        }
        boolean numeric = Types.isNumeric(tx) || Types.isTemporal(tx);
        if (numeric && Types.isIntegerBacked(tx) && (Types.isIntegerBacked(yv.getDataType()) || yv.getDataType() == DT_VOID)) {
            java.util.Set<Long> set = new java.util.HashSet<>();
            for (long v : Vectors.longs(yv)) set.add(v);
            long[] xs = x.isScalar() ? new long[]{Scalars.rawLong(x)} : Vectors.longs((Vector) x);
            byte[] out = new byte[xs.length];
            for (int i = 0; i < xs.length; i++) out[i] = (byte) (set.contains(xs[i]) ? 1 : 0);
            return bools(out, x.isScalar() ? -1 : xs.length);
        }
        if (Types.isNumeric(tx)) {
            java.util.Set<Double> set = new java.util.HashSet<>();
            for (double v : Vectors.doubles(yv)) set.add(v);
            int len = x.isScalar() ? 1 : x.rows();
            double[] xs = doubles(x, len);
            byte[] out = new byte[len];
            for (int i = 0; i < len; i++) out[i] = (byte) (set.contains(xs[i]) ? 1 : 0);
            return bools(out, x.isScalar() ? -1 : len);
        }
        keys.addAll(Arrays.asList(Vectors.strings(yv)));
        int len = x.isScalar() ? 1 : x.rows();
        String[] xs = strings(x, len);
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) out[i] = (byte) (keys.contains(xs[i]) ? 1 : 0);
        return bools(out, x.isScalar() ? -1 : len);
    }

    // ---- operand access -----------------------------------------------------------------------

    static long[] longs(Entity e, int len) {
        if (e.isScalar()) {
            long[] out = new long[len];
            Arrays.fill(out, Types.isFloating(e.getDataType()) ? (Scalars.isNull(e) ? Long.MIN_VALUE : (long) Scalars.toDouble(e)) : Scalars.rawLong(e));
            return out;
        }
        return Vectors.longs((Vector) e);
    }

    static double[] doubles(Entity e, int len) {
        if (e.isScalar()) {
            double[] out = new double[len];
            Arrays.fill(out, Scalars.toDouble(e));
            return out;
        }
        return Vectors.doubles((Vector) e);
    }

    static String[] strings(Entity e, int len) {
        if (e.isScalar()) {
            String[] out = new String[len];
            Arrays.fill(out, Scalars.text(e));
            return out;
        }
        return Vectors.strings((Vector) e);
    }

    private static BigDecimal[] decimals(Entity e, int len) {
        BigDecimal[] out = new BigDecimal[len];
        for (int i = 0; i < len; i++) {
            Entity x = e.isScalar() ? e : ((Vector) e).get(i);
            if (Scalars.isNull(x)) continue;
            if (Types.isIntegerBacked(x.getDataType())) out[i] = BigDecimal.valueOf(Scalars.rawLong(x));
            else out[i] = new BigDecimal(x.getString());
        }
        return out;
    }
}
