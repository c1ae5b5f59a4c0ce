package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.math.BigDecimal;
import java.util.*;

/** Turns the DolphinDB API's entities into plain Java values for routes. */
final class JavaValues {
    private JavaValues() {
    }

    /** A scalar as Integer, Long, Double, Boolean, String, LocalDate..., BigDecimal or null; a vector as a List; others unchanged. */
    static Object of(Entity e) {
        if (e == null || e instanceof com.xxdb.data.Void) return null;
        if (e instanceof Scalar s) return scalar(s);
        if (e instanceof Vector v && e.isVector()) {
            List<Object> out = new ArrayList<>(v.rows());
            for (int i = 0; i < v.rows(); i++) out.add(v instanceof BasicAnyVector any ? of(any.getEntity(i)) : of(v.get(i)));
            return out;
        }
        return e;
    }

    static Object scalar(Scalar s) {
        if (s.isNull()) return null;
        try {
            return switch (s.getDataCategory()) {
                case LOGICAL -> ((BasicBoolean) s).getBoolean();
                case INTEGRAL, FLOATING -> s.getNumber();
                case TEMPORAL -> s.getTemporal();
                case DENARY -> new BigDecimal(s.getString());
                default -> s.getString();
            };
        } catch (Exception e) {
            return s.getString();
        }
    }

    /** One Map per row, column name to Java value, in column order. */
    static List<Map<String, Object>> rows(BasicTable t) {
        List<Map<String, Object>> out = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < t.columns(); c++) row.put(t.getColumnName(c), of(t.getColumn(c).get(r)));
            out.add(row);
        }
        return out;
    }

    /** A table result in the shape the caller asked for. */
    static Object table(BasicTable t, DolphinDBOutputType type) {
        return type == DolphinDBOutputType.listOfMaps ? rows(t) : t;
    }
}
