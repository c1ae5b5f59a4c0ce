package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.util.List;

/** Small helpers for building the DolphinDB API's typed vectors. */
final class Vectors {
    private Vectors() {
    }

    static boolean isDecimal(Entity.DATA_TYPE t) {
        return t == Entity.DATA_TYPE.DT_DECIMAL32 || t == Entity.DATA_TYPE.DT_DECIMAL64 || t == Entity.DATA_TYPE.DT_DECIMAL128;
    }

    /** An empty-valued vector of {@code size} elements; {@code scale} only matters for DECIMAL types. */
    static Vector create(Entity.DATA_TYPE type, int size, int scale) {
        return BasicEntityFactory.instance().createVectorWithDefaultValue(type, size, isDecimal(type) ? scale : -1);
    }

    /** A vector of the given scalars, all of one type. */
    static Vector of(Entity.DATA_TYPE type, List<Entity> values) {
        int scale = isDecimal(type) ? ((Scalar) values.get(0)).getScale() : -1;
        Vector v = create(type, values.size(), scale);
        try {
            for (int i = 0; i < values.size(); i++) v.set(i, values.get(i));
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot build a " + type + " vector: " + e.getMessage(), e);
        }
        return v;
    }
}
