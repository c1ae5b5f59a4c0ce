package io.ddbsync.standin.script;

import com.xxdb.data.BasicEntityFactory;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * a:b, a pair. It is sent to clients in form PAIR (2), as DolphinDB sends it: a pair is encoded
 * like a two-element vector, and only the form byte tells a client (the JavaScript API shows it
 * as a pair, the Java API reads it as a vector either way).
 */
public final class PairValue extends RuntimeValue {
    private final Vector values;

    public PairValue(Vector values) {
        this.values = values;
    }

    public Entity first() {
        return Interpreter.element(values, 0);
    }

    public Entity second() {
        return Interpreter.element(values, 1);
    }

    @Override
    public String typestr() {
        return values.getDataType().getName() + " PAIR";
    }

    @Override
    public DATA_TYPE getDataType() {
        return values.getDataType();
    }

    @Override
    public DATA_FORM getDataForm() {
        return DATA_FORM.DF_PAIR;
    }

    @Override
    public Entity toWire() {
        // the API builds pair-form vectors only while decoding: decode the vector's bytes as a pair
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            values.write(new LittleEndianDataOutputStream(bytes));
            LittleEndianDataInputStream in = new LittleEndianDataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            int type = in.readShort() & 0xff;
            boolean extended = type >= 128;
            return BasicEntityFactory.instance().createEntity(DATA_FORM.DF_PAIR, DATA_TYPE.valueOf(extended ? type - 128 : type), in, extended);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a pair in memory", e);
        }
    }

    @Override
    public int rows() {
        return 2;
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isPair() {
        return true;
    }

    @Override
    public String getString() {
        return first().getString() + " : " + second().getString();
    }
}
