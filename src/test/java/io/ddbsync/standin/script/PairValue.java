package io.ddbsync.standin.script;

import com.xxdb.data.Entity;
import com.xxdb.data.Vector;

/** a:b, a pair. It is sent to clients as a two-element vector. */
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
        return values;
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
