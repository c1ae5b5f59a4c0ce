package io.ddbsync.standin.wire;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.value.Vectors;

import java.nio.ByteBuffer;

/**
 * Decodes runs of fixed-width little-endian values into the API's vectors with bulk copies; the
 * API's own readers convert element by element through small buffers.
 */
final class VectorDecoder {
    private VectorDecoder() {
    }

    /** The vector of {@code count} values in {@code data}, or null for a type left to the API's decoder. */
    static Vector decode(DATA_TYPE type, ByteBuffer data, int count) {
        switch (type) {
            case DT_BOOL, DT_BYTE -> {
                byte[] a = new byte[count];
                data.get(a);
                return type == DATA_TYPE.DT_BOOL ? new BasicBooleanVector(a) : new BasicByteVector(a);
            }
            case DT_SHORT -> {
                short[] a = new short[count];
                data.asShortBuffer().get(a);
                return new BasicShortVector(a, false);
            }
            case DT_INT, DT_DATE, DT_MONTH, DT_TIME, DT_MINUTE, DT_SECOND, DT_DATETIME, DT_DATEHOUR -> {
                int[] a = new int[count];
                data.asIntBuffer().get(a);
                return type == DATA_TYPE.DT_INT ? new BasicIntVector(a, false) : Vectors.wrapInts(type, a);
            }
            case DT_LONG, DT_TIMESTAMP, DT_NANOTIME, DT_NANOTIMESTAMP -> {
                long[] a = new long[count];
                data.asLongBuffer().get(a);
                return type == DATA_TYPE.DT_TIMESTAMP ? new BasicTimestampVector(a, false) : Vectors.wrapLongs(type, a);
            }
            case DT_FLOAT -> {
                float[] a = new float[count];
                data.asFloatBuffer().get(a);
                return new BasicFloatVector(a, false);
            }
            case DT_DOUBLE -> {
                double[] a = new double[count];
                data.asDoubleBuffer().get(a);
                return new BasicDoubleVector(a, false);
            }
            default -> {
                return null;
            }
        }
    }
}
