package io.ddbsync.camel;

import com.xxdb.data.Entity;
import com.xxdb.data.Entity.DATA_CATEGORY;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Utils;

/**
 * Which data types DolphinDB converts when appending (the manual's rule behind S05004): the same
 * type; within a category (INT from LONG, SYMBOL from STRING); FLOATING from INTEGRAL; DECIMAL from
 * INTEGRAL or FLOATING. Temporal types must match exactly, since a DATE written into a TIMESTAMP
 * column would silently change meaning.
 */
public final class WriteTypes {
    private WriteTypes() {
    }

    public static boolean compatible(DATA_TYPE from, DATA_TYPE to) {
        if (from == to) return true;
        DATA_CATEGORY f = Utils.getCategory(from);
        DATA_CATEGORY t = Utils.getCategory(to);
        boolean numberFrom = f == DATA_CATEGORY.INTEGRAL || f == DATA_CATEGORY.LOGICAL;
        return switch (t) {
            case INTEGRAL -> numberFrom;
            case FLOATING -> numberFrom || f == DATA_CATEGORY.FLOATING;
            case DENARY -> numberFrom || f == DATA_CATEGORY.FLOATING || f == DATA_CATEGORY.DENARY;
            case LITERAL -> f == DATA_CATEGORY.LITERAL;
            default -> false;
        };
    }

    /** DOUBLE rather than DT_DOUBLE, as DolphinDB writes type names. */
    public static String name(DATA_TYPE t) {
        if (t == DATA_TYPE.DT_BYTE) return "CHAR";
        String n = t.name();
        return n.startsWith("DT_") ? n.substring(3) : n;
    }

    static String name(Entity e) {
        return name(e.getDataType());
    }
}
