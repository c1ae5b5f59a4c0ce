package io.ddbsync.standin.wire;

import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;

/** Where one column of an encoded table lies in its bytes, and in what form. */
sealed interface ColumnLayout {

    DATA_TYPE type();

    int rows();

    /** Fixed-width elements stored back to back from {@code dataOffset}; decimals carry a scale, others -1. */
    record Fixed(DATA_TYPE type, int unit, int scale, int rows, int dataOffset) implements ColumnLayout {
    }

    /**
     * A symbol vector in symbol-base form: {@code baseOffset} is where the base's size field
     * starts, {@code baseEnd} where its strings end; then one int index per row.
     */
    record Symbol(int rows, int baseOffset, int baseEnd, int indicesOffset) implements ColumnLayout {
        @Override
        public DATA_TYPE type() {
            return DATA_TYPE.DT_SYMBOL;
        }
    }

    /** A column only the API can decode (strings, blobs, array vectors, compressed uploads...): kept decoded. */
    record Decoded(Vector vector) implements ColumnLayout {
        @Override
        public DATA_TYPE type() {
            return vector.getDataType();
        }

        @Override
        public int rows() {
            return vector.rows();
        }
    }
}
