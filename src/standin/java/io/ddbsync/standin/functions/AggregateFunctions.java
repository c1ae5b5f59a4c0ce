package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.Args;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;

import java.math.BigDecimal;

import static com.xxdb.data.Entity.DATA_TYPE.*;
import static io.ddbsync.standin.script.Builtins.add;

/** Aggregates over a vector. NULLs are skipped; count(X) counts non-NULL values. */
public final class AggregateFunctions {
    private AggregateFunctions() {
    }

    public static void register() {
        add("count(X)", a -> {
            Entity x = a.get(0);
            if (x instanceof TableHandle h) {
                h.checkRead(a.session());
                return new BasicLong(h.table().rowCount());
            }
            if (x.isTable()) return new BasicInt(x.rows());
            if (x.isScalar()) return new BasicInt(Scalars.isNull(x) ? 0 : 1);
            Vector v = (Vector) x;
            int c = 0;
            for (int i = 0; i < v.rows(); i++) if (!v.isNull(i)) c++;
            return new BasicInt(c);
        });
        add("sum(X)", AggregateFunctions::sum);
        add("avg(X)", a -> {
            Vector v = numeric(a);
            double s = 0;
            int c = 0;
            for (double d : Vectors.doubles(v)) if (!Double.isNaN(d)) {
                s += d;
                c++;
            }
            return c == 0 ? Scalars.nullOf(DT_DOUBLE) : new BasicDouble(s / c);
        });
        add("mean(X)", a -> a.interpreter().call(io.ddbsync.standin.script.Builtins.get("avg"), java.util.List.of(a.get(0))));
        add("min(X)", a -> extreme(a, true));
        add("max(X)", a -> extreme(a, false));
        add("first(X)", a -> {
            Entity x = a.get(0);
            if (x.isScalar()) return x;
            return x.rows() == 0 ? Scalars.nullOf(x.getDataType()) : ((Vector) x).get(0);
        });
        add("last(X)", a -> {
            Entity x = a.get(0);
            if (x.isScalar()) return x;
            return x.rows() == 0 ? Scalars.nullOf(x.getDataType()) : ((Vector) x).get(x.rows() - 1);
        });
    }

    private static Vector numeric(Args a) {
        Entity x = a.get(0);
        if (x.isScalar()) return Vectors.repeat(x, 1);
        if (!(x instanceof Vector v)) throw a.argument(0, "must be a vector");
        return v;
    }

    private static Entity sum(Args a) {
        Vector v = numeric(a);
        DATA_TYPE t = v.getDataType();
        if (Types.isIntegral(t)) {
            long s = 0;
            boolean any = false;
            for (long x : Vectors.longs(v)) if (x != Long.MIN_VALUE) {
                s += x;
                any = true;
            }
            return any ? new BasicLong(s) : Scalars.nullOf(DT_LONG);
        }
        if (Types.isFloating(t)) {
            double s = 0;
            boolean any = false;
            for (double x : Vectors.doubles(v)) if (!Double.isNaN(x)) {
                s += x;
                any = true;
            }
            return any ? new BasicDouble(s) : Scalars.nullOf(DT_DOUBLE);
        }
        if (Types.isDecimal(t)) {
            BigDecimal s = BigDecimal.ZERO;
            for (int i = 0; i < v.rows(); i++) if (!v.isNull(i)) s = s.add(new BigDecimal(v.getString(i)));
            return Casts.decimal(t == DT_DECIMAL128 ? DT_DECIMAL128 : DT_DECIMAL64, s, Vectors.scale(v));
        }
        throw new ScriptException("The function sum does not support " + t.getName().toLowerCase() + " data");
    }

    private static Entity extreme(Args a, boolean min) {
        Vector v = numeric(a);
        DATA_TYPE t = v.getDataType();
        int best = -1;
        if (Types.isIntegerBacked(t)) {
            long[] x = Vectors.longs(v);
            for (int i = 0; i < x.length; i++) {
                if (x[i] == Long.MIN_VALUE) continue;
                if (best < 0 || (min ? x[i] < x[best] : x[i] > x[best])) best = i;
            }
        } else if (Types.isFloating(t)) {
            double[] x = Vectors.doubles(v);
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i])) continue;
                if (best < 0 || (min ? x[i] < x[best] : x[i] > x[best])) best = i;
            }
        } else {
            for (int i = 0; i < v.rows(); i++) {
                if (v.isNull(i)) continue;
                if (best < 0) {
                    best = i;
                    continue;
                }
                int c = Types.isDecimal(t) ? new BigDecimal(v.getString(i)).compareTo(new BigDecimal(v.getString(best)))
                        : v.getString(i).compareTo(v.getString(best));
                if (min ? c < 0 : c > 0) best = i;
            }
        }
        return best < 0 ? Scalars.nullOf(t) : v.get(best);
    }
}
