package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.*;
import io.ddbsync.standin.value.*;

import java.util.*;

import static com.xxdb.data.Entity.DATA_TYPE.*;
import static io.ddbsync.standin.script.Builtins.add;

/** Functions on values: sizes, construction, conversion, strings, hashing. */
public final class CoreFunctions {
    private CoreFunctions() {
    }

    public static void register() {
        add("typestr(obj)", a -> new BasicString(Forms.typestr(a.get(0))));
        add("size(X)", a -> new BasicInt(size(a.session(), a.get(0))));
        add("rows(X)", a -> new BasicInt(size(a.session(), a.get(0))));
        add("cols(X)", a -> {
            Entity x = a.get(0);
            return new BasicInt(x.isTable() ? x.columns() : x.isScalar() ? 1 : x.columns());
        });
        add("table(X, ...)", CoreFunctions::table);
        add("take(X, n)", CoreFunctions::take);
        add("til(n)", a -> {
            int n = (int) a.integer(0);
            int[] v = new int[Math.max(n, 0)];
            for (int i = 0; i < n; i++) v[i] = i;
            return new BasicIntVector(v);
        });
        add("isNull(X)", a -> nullTest(a.get(0), true));
        add("isValid(X)", a -> nullTest(a.get(0), false));
        add("not(X)", a -> Operators.not(a.get(0)));
        add("and(X, Y)", a -> Operators.binary("and", a.get(0), a.get(1)));
        add("or(X, Y)", a -> Operators.binary("or", a.get(0), a.get(1)));
        add("in(X, Y)", a -> Operators.in(a.get(0), a.get(1)));
        add("between(X, Y)", a -> {
            if (!(a.get(1) instanceof PairValue p)) throw a.argument(1, "must be a pair");
            return Operators.between(a.get(0), p.first(), p.second());
        });
        add("iif(cond, trueResult, falseResult)", CoreFunctions::iif);
        add("eval(expr)", a -> {
            if (!(a.get(0) instanceof MetaCode m)) throw a.argument(0, "must be metacode");
            return a.interpreter().evalMeta(m);
        });
        add("print(X)", a -> {
            a.session().print(a.get(0).getString());
            return new com.xxdb.data.Void();
        });
        add("undef(obj, [objType])", a -> {
            for (String name : a.strings(0)) a.session().undef(name);
            return new com.xxdb.data.Void();
        });
        add("distinct(X)", a -> {
            Vector v = vector(a, 0);
            LinkedHashMap<String, Integer> first = new LinkedHashMap<>();
            for (int i = 0; i < v.rows(); i++) first.putIfAbsent(v.isNull(i) ? "\u0000null" : v.getString(i), i);
            return Vectors.gather(v, first.values().stream().mapToInt(Integer::intValue).toArray());
        });
        add("sort(X, [ascending])", a -> {
            Vector v = vector(a, 0);
            boolean asc = a.bool(1, true);
            Integer[] idx = new Integer[v.rows()];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            Arrays.sort(idx, (x, y) -> {
                @SuppressWarnings({"unchecked", "rawtypes"})
                int c = ((Comparable) sortKey(v, x)).compareTo(sortKey(v, y));
                return asc ? c : -c;
            });
            return Vectors.gather(v, Arrays.stream(idx).mapToInt(Integer::intValue).toArray());
        });
        add("reverse(X)", a -> {
            Vector v = vector(a, 0);
            int n = v.rows();
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = n - 1 - i;
            return Vectors.gather(v, idx);
        });
        add("concat(X, Y)", a -> new BasicString(Scalars.text(a.get(0)) + Scalars.text(a.get(1))));
        add("strlen(X)", a -> strlen(a.get(0)));
        add("upper(X)", a -> mapStrings(a.get(0), s -> new BasicString(s.toUpperCase())));
        add("lower(X)", a -> mapStrings(a.get(0), s -> new BasicString(s.toLowerCase())));
        add("trim(X)", a -> mapStrings(a.get(0), s -> new BasicString(s.trim())));
        add("substr(str, offset, [length])", a -> {
            int off = (int) a.integer(1);
            int len = (int) a.integer(2, Integer.MAX_VALUE);
            return mapStrings(a.get(0), s -> new BasicString(off >= s.length() ? "" : s.substring(off, (int) Math.min(s.length(), (long) off + len))));
        });
        add("startsWith(X, str)", a -> {
            String p = a.string(1);
            return mapStrings(a.get(0), s -> new BasicBoolean(s.startsWith(p)));
        });
        add("like(X, pattern)", a -> {
            String regex = "\\Q" + a.string(1).replace("%", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
            return mapStrings(a.get(0), s -> new BasicBoolean(s.matches(regex)));
        });
        add("split(str, [delimiter])", a -> {
            String d = a.string(1, ",");
            return new BasicStringVector(Scalars.text(a.get(0)).split(java.util.regex.Pattern.quote(d), -1));
        });
        add("crc32(str, [cksum])", CoreFunctions::crc32);
        add("hashBucket(X, buckets)", a -> {
            Entity x = a.get(0);
            int buckets = (int) a.integer(1);
            if (x.isScalar()) return new BasicInt(((Scalar) x).hashBucket(buckets));
            Vector v = (Vector) x;
            int[] out = new int[v.rows()];
            for (int i = 0; i < out.length; i++) out[i] = v.hashBucket(i, buckets);
            return new BasicIntVector(out);
        });
        add("dict(keyObj, valueObj)", a -> {
            DictValue d = new DictValue();
            Entity k = a.get(0);
            Entity v = a.get(1);
            if (k.isVector() && v.isVector()) {
                for (int i = 0; i < k.rows(); i++) d.put(Interpreter.element(k, i), Interpreter.element(v, i));
            }
            return d;
        });
        add("keys(X)", a -> {
            Entity x = a.get(0);
            if (x instanceof DictValue d) return new BasicStringVector(d.asMap().keySet().toArray(new String[0]));
            if (x.isTable()) return columnNames((Table) x);
            throw a.argument(0, "must be a dictionary or table");
        });
        add("values(X)", a -> {
            if (!(a.get(0) instanceof DictValue d)) throw a.argument(0, "must be a dictionary");
            return Vectors.fromElements(new ArrayList<>(d.asMap().values()));
        });
        add("columnNames(X)", a -> columnNames(a.table(0)));
        add("rand(X, count)", CoreFunctions::rand);
        add("seq(start, end)", a -> Operators.binary("..", a.get(0), a.get(1)));
        add("array(dataType, [initialSize], [capacity], [defaultValue])", a -> {
            DATA_TYPE t = typeArg(a.get(0));
            int n = (int) a.integer(1, 0);
            return Vectors.create(t, n, Types.scaleInName(a.get(0).getString()));
        });
        add("format(X, pattern)", a -> Formats.format(a.get(0), a.string(1)));
        add("decimalFormat(X, pattern)", a -> Formats.format(a.get(0), a.string(1)));
        add("temporalFormat(X, pattern)", a -> Formats.format(a.get(0), a.string(1)));

        // operators as functions: add(1, 2) is 1 + 2
        String[][] operators = {{"add", "+"}, {"sub", "-"}, {"mul", "*"}, {"div", "/"}, {"ratio", "\\"}, {"mod", "%"},
                {"eq", "=="}, {"ne", "!="}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="},
                {"bitAnd", "&"}, {"bitOr", "|"}, {"bitXor", "^"}, {"lshift", "<<"}, {"rshift", ">>"}};
        for (String[] op : operators) add(op[0] + "(X, Y)", a -> Operators.binary(op[1], a.get(0), a.get(1)));
        add("neg(X)", a -> Operators.negate(a.get(0)));

        // conversions
        conversion("string", DT_STRING);
        conversion("symbol", DT_SYMBOL);
        conversion("bool", DT_BOOL);
        conversion("char", DT_BYTE);
        conversion("short", DT_SHORT);
        conversion("int", DT_INT);
        conversion("long", DT_LONG);
        conversion("float", DT_FLOAT);
        conversion("double", DT_DOUBLE);
        conversion("uuid", DT_UUID);
        conversion("ipaddr", DT_IPADDR);
        conversion("int128", DT_INT128);
        conversion("blob", DT_BLOB);
        add("decimal32(X, scale)", a -> Casts.to(a.get(0), DT_DECIMAL32, (int) a.integer(1), "decimal32"));
        add("decimal64(X, scale)", a -> Casts.to(a.get(0), DT_DECIMAL64, (int) a.integer(1), "decimal64"));
        add("decimal128(X, scale)", a -> Casts.to(a.get(0), DT_DECIMAL128, (int) a.integer(1), "decimal128"));
        add("DECIMAL32(scale)", a -> new BasicString("DECIMAL32(" + a.integer(0) + ")"));
        add("DECIMAL64(scale)", a -> new BasicString("DECIMAL64(" + a.integer(0) + ")"));
        add("DECIMAL128(scale)", a -> new BasicString("DECIMAL128(" + a.integer(0) + ")"));
        add("cast(X, type)", a -> Operators.binary("$", a.get(0), a.get(1)));
        add("arrayVector(index, value)", CoreFunctions::arrayVector);
    }

    private static void conversion(String name, DATA_TYPE t) {
        add(name + "(X)", a -> Casts.to(a.get(0), t, -1, name));
    }

    public static DATA_TYPE typeArg(Entity e) {
        if (e instanceof BasicString s) return Types.byName(s.getString());
        if (e.isScalar() && Types.isIntegral(e.getDataType())) return DATA_TYPE.valueOf((int) Scalars.rawLong(e));
        throw new ScriptException("Invalid data type " + e.getString());
    }

    static int size(Session session, Entity x) {
        if (x instanceof TableHandle h) {
            h.checkRead(session);
            return (int) h.table().rowCount();
        }
        if (x instanceof DictValue d) return d.rows();
        if (x.isScalar()) return 1;
        return x.rows();
    }

    static Vector vector(Args a, int i) {
        Entity e = a.get(i);
        if (e instanceof Vector v) return v;
        if (e.isScalar()) return Vectors.repeat(e, 1);
        throw a.argument(i, "must be a vector");
    }

    static Comparable<?> sortKey(Vector v, int i) {
        DATA_TYPE t = v.getDataType();
        if (Types.isIntegerBacked(t)) return Scalars.rawLong(v.get(i));
        if (Types.isFloating(t)) {
            double d = Scalars.toDouble(v.get(i));
            return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
        }
        return v.getString(i);
    }

    private static Entity columnNames(Table t) {
        String[] names = new String[t.columns()];
        for (int i = 0; i < names.length; i++) names[i] = t.getColumnName(i);
        return new BasicStringVector(names);
    }

    private static Entity nullTest(Entity x, boolean isNull) {
        if (x.isScalar()) return new BasicBoolean(Scalars.isNull(x) == isNull);
        Vector v = (Vector) x;
        byte[] out = new byte[v.rows()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (v.isNull(i) == isNull ? 1 : 0);
        return new BasicBooleanVector(out);
    }

    private static Entity mapStrings(Entity x, java.util.function.Function<String, Scalar> f) {
        if (x.isScalar()) return f.apply(Scalars.text(x));
        String[] s = Vectors.strings((Vector) x);
        List<Entity> out = new ArrayList<>(s.length);
        for (String v : s) out.add(f.apply(v));
        return Vectors.fromElements(out);
    }

    /**
     * strlen: the length of each string, as an INT vector built from an int[] rather than one
     * BasicInt per element (mapStrings); a scalar and an empty vector as mapStrings gives them.
     */
    private static Entity strlen(Entity x) {
        if (x.isScalar() || x.rows() == 0) return mapStrings(x, s -> new BasicInt(s.length()));
        if (x instanceof PackedStrings p && p.isPacked()) {
            // String.length() of each element, counted from its UTF-8 bytes
            int[] out = new int[p.rows()];
            for (int i = 0; i < out.length; i++) out[i] = p.utf16Length(i);
            return new BasicIntVector(out);
        }
        String[] s = Vectors.strings((Vector) x);
        int[] out = new int[s.length];
        for (int i = 0; i < out.length; i++) out[i] = s[i].length();
        return new BasicIntVector(out);
    }

    /** table(capacity:size, colNames, colTypes) or table(vector1, vector2, ...). */
    private static Entity table(Args a) {
        Entity first = a.get(0);
        if (first instanceof PairValue p && a.size() == 3) {
            int size = (int) Scalars.rawLong(p.second());
            List<String> names = a.strings(1);
            Entity types = a.get(2);
            int n = names.size();
            if (types.rows() != n) throw new ScriptException("The number of column names and column types must be the same");
            List<Vector> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Entity t = types.isScalar() ? types : Interpreter.element(types, i);
                String typeName = t instanceof BasicString s ? s.getString() : DATA_TYPE.valueOf((int) Scalars.rawLong(t)).getName();
                DATA_TYPE dt = Types.byName(typeName);
                int scale = Types.scaleInName(typeName);
                if (Types.isDecimal(dt) && scale < 0) {
                    throw new ScriptException("Must specify scale for Decimal data type, e.g., DECIMAL32(2). RefId: S05008");
                }
                cols.add(Vectors.nulls(dt, size, Math.max(scale, 0)));
            }
            return new BasicTable(names, cols);
        }
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        List<String> argNames = a.interpreter().argNames();
        for (int i = 0; i < a.size(); i++) {
            Entity e = a.get(i);
            if (e instanceof BasicTable t) {
                for (int c = 0; c < t.columns(); c++) {
                    names.add(t.getColumnName(c));
                    cols.add(t.getColumn(c));
                }
                continue;
            }
            String name = i < argNames.size() && argNames.get(i) != null ? argNames.get(i) : "col" + (i + 1);
            names.add(name);
            cols.add(e.isScalar() ? Vectors.repeat(e, 1) : (Vector) e);
        }
        return new BasicTable(names, cols);
    }

    private static Entity take(Args a) {
        Entity x = a.get(0);
        int n = (int) a.integer(1);
        if (x.isScalar()) return Vectors.repeat(x, n);
        if (x instanceof Table t) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = t.rows() == 0 ? 0 : i % t.rows();
            return t.getSubTable(idx);
        }
        Vector v = (Vector) x;
        int[] idx = new int[Math.abs(n)];
        for (int i = 0; i < idx.length; i++) idx[i] = v.rows() == 0 ? 0 : i % v.rows();
        return Vectors.gather(v, idx);
    }

    private static Entity iif(Args a) {
        Entity cond = a.get(0);
        Entity t = a.get(1);
        Entity f = a.get(2);
        if (cond.isScalar()) return Scalars.truth(cond) ? t : f;
        int n = cond.rows();
        byte[] c = Operators.truths(cond, n);
        List<Entity> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Entity src = c[i] == 1 ? t : f;
            out.add(src.isScalar() ? src : Interpreter.element(src, i));
        }
        return Vectors.fromElements(out);
    }

    /** crc32(str, [cksum]): CRC-32 of the UTF-8 bytes, continuing from cksum (0 by default), as an INT. */
    private static Entity crc32(Args a) {
        Entity s = a.get(0);
        Entity seed = a.get(1, new BasicInt(0));
        if (s.isScalar()) return new BasicInt(Crc32.update((int) Scalars.rawLong(seed), Scalars.text(s)));
        if (s instanceof PackedStrings p && p.isPacked()) return crc32(p, seed);
        String[] values = Vectors.strings((Vector) s);
        int[] seeds = seeds(seed);
        int base = seed.isScalar() ? (int) Scalars.rawLong(seed) : 0;
        int[] out = new int[values.length];
        char[] scratch = new char[64];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v.length() > scratch.length) scratch = new char[Math.max(v.length(), scratch.length * 2)];
            out[i] = Crc32.update(seeds == null ? base : seeds[i], v, scratch);
        }
        return new BasicIntVector(out);
    }

    /**
     * A vector of seeds as the CRC registers they give (null for a scalar seed): a chain of crc32
     * calls passes the INT vector the previous call returned, read here as it is, not widened to
     * longs first. A NULL seed counts as 0, as {@code (int) Long.MIN_VALUE}, the NULL of the long
     * form other types are read through, always has.
     */
    private static int[] seeds(Entity seed) {
        if (seed.isScalar()) return null;
        if (seed instanceof BasicIntVector ints) {
            int[] values = ints.getValues();
            int[] out = new int[seed.rows()];
            for (int i = 0; i < out.length; i++) out[i] = values[i] == Integer.MIN_VALUE ? 0 : values[i];
            return out;
        }
        long[] longs = Vectors.longs((Vector) seed);
        int[] out = new int[longs.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) longs[i];
        return out;
    }

    /** crc32 of a packed STRING vector: straight from its UTF-8 bytes, no String per element. */
    private static Entity crc32(PackedStrings p, Entity seed) {
        int[] seeds = seeds(seed);
        int base = seed.isScalar() ? (int) Scalars.rawLong(seed) : 0;
        byte[] bytes = p.bytes();
        int[] offsets = p.offsets();
        int[] out = new int[p.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Crc32.update(seeds == null ? base : seeds[i], bytes, offsets[i], offsets[i + 1] - offsets[i]);
        }
        return new BasicIntVector(out);
    }

    private static Entity rand(Args a) {
        Entity x = a.get(0);
        int n = (int) a.integer(1);
        Random r = new Random();
        if (x instanceof Vector v) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = r.nextInt(v.rows());
            return Vectors.gather(v, idx);
        }
        if (Types.isFloating(x.getDataType())) {
            double max = Scalars.toDouble(x);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = r.nextDouble() * max;
            return new BasicDoubleVector(out);
        }
        long max = Scalars.rawLong(x);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = Math.floorMod(r.nextLong(), max);
        return Vectors.fromLongs(Types.isIntegerBacked(x.getDataType()) ? x.getDataType() : DT_INT, out);
    }

    private static Entity arrayVector(Args a) {
        long[] index = Vectors.longs(vector(a, 0));
        Vector values = vector(a, 1);
        List<Vector> rows = new ArrayList<>();
        int start = 0;
        for (long end : index) {
            rows.add(Vectors.slice(values, start, (int) end));
            start = (int) end;
        }
        try {
            return new BasicArrayVector(rows);
        } catch (Exception e) {
            throw new ScriptException("arrayVector: " + e.getMessage());
        }
    }
}
