package io.ddbsync.standin.script;

import com.xxdb.data.*;
import com.xxdb.io.ExtendedDataOutput;
import io.ddbsync.standin.value.Scalars;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DolphinDB dictionary whose values may be anything (tables, vectors, scalars), as schema()
 * returns. The API's BasicDictionary can only hold scalar values, so the wire form is written
 * here: key vector, then a typed value vector when every value is a scalar of one type, else an ANY vector.
 */
public final class DictValue extends RuntimeValue {
    private final Map<String, Entity> keys = new LinkedHashMap<>();
    private final Map<String, Entity> values = new LinkedHashMap<>();

    public DictValue put(String key, Entity value) {
        return put(new BasicString(key), value);
    }

    public DictValue put(Entity key, Entity value) {
        String k = Scalars.text(key);
        keys.put(k, key);
        values.put(k, value);
        return this;
    }

    public Entity get(Entity key) {
        return values.get(Scalars.text(key));
    }

    public Entity get(String key) {
        return values.get(key);
    }

    public Map<String, Entity> asMap() {
        return values;
    }

    @Override
    public String typestr() {
        return "DICTIONARY";
    }

    @Override
    public DATA_FORM getDataForm() {
        return DATA_FORM.DF_DICTIONARY;
    }

    @Override
    public DATA_TYPE getDataType() {
        return valueType();
    }

    @Override
    public int rows() {
        return values.size();
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isDictionary() {
        return true;
    }

    @Override
    public Entity toWire() {
        return this;
    }

    private DATA_TYPE valueType() {
        DATA_TYPE t = null;
        for (Entity v : values.values()) {
            if (!v.isScalar() || v instanceof RuntimeValue) return DATA_TYPE.DT_ANY;
            if (t == null) t = v.getDataType();
            else if (t != v.getDataType()) return DATA_TYPE.DT_ANY;
        }
        return t == null ? DATA_TYPE.DT_ANY : t;
    }

    @Override
    public void write(ExtendedDataOutput out) throws IOException {
        DATA_TYPE vt = valueType();
        out.writeShort((DATA_FORM.DF_DICTIONARY.ordinal() << 8) | vt.getValue());
        List<Entity> keyList = new ArrayList<>(keys.values());
        Vectors.fromElements(keyList).write(out);
        if (vt == DATA_TYPE.DT_ANY) {
            BasicAnyVector any = new BasicAnyVector(values.size());
            int i = 0;
            for (Entity v : values.values()) any.setEntity(i++, v instanceof RuntimeValue r ? r.toWire() : v);
            any.write(out);
        } else {
            Vectors.fromElements(new ArrayList<>(values.values())).write(out);
        }
    }

    @Override
    public String getString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append("->").append(v.getString()).append('\n'));
        return sb.toString();
    }
}
