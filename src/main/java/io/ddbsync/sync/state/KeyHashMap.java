package io.ddbsync.sync.state;

/**
 * A {@link KeyHashSet} with a value a key, as bytes: keys as the first 128 bits of their SHA-256 in
 * the set's table of longs, values in an array of the same slots (the value of the key hashing to
 * zeros, which the set keeps out of its table, in a field). 20 bytes a slot (two longs and a
 * reference) plus the value's array, against about 60 bytes of {@code ConcurrentHashMap} node and
 * key object an entry.
 * A key added through the set's own methods, without a value, reads as absent.
 * <p>
 * Not thread-safe: its owner (the stats cache) uses it under a lock.
 */
final class KeyHashMap extends KeyHashSet {
    /** Each slot's value; a slot of the set's table and its value share an index. */
    private byte[][] values = new byte[capacity()][];
    private byte[] zeroValue;

    /** The value of the key with this hash ({@link Hash128#of}), or null. */
    byte[] get(long[] hash) {
        if (isZero(hash)) return zeroValue;
        int at = slotOf(hash[0], hash[1]);
        return at < 0 ? null : values[at];
    }

    /** Sets the key's value; returns the one it replaced, or null. */
    byte[] put(long[] hash, byte[] value) {
        add(hash[0], hash[1]);
        byte[] old;
        if (isZero(hash)) {
            old = zeroValue;
            zeroValue = value;
        } else {
            int at = slotOf(hash[0], hash[1]);
            old = values[at];
            values[at] = value;
        }
        return old;
    }

    /** Each key with a value: its hash's two longs and the value, in no particular order. */
    void forEach(Entry each) {
        if (zeroValue != null) each.accept(0, 0, zeroValue);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) each.accept(high(i), low(i), values[i]);
        }
    }

    /** One entry of {@link #forEach}. */
    interface Entry {
        void accept(long high, long low, byte[] value);
    }

    @Override
    boolean remove(long high, long low) {
        if (high == 0 && low == 0) {
            zeroValue = null;
        } else {
            int at = slotOf(high, low);
            if (at >= 0) values[at] = null;
        }
        return super.remove(high, low);
    }

    @Override
    void clear() {
        super.clear();
        values = new byte[capacity()][];
        zeroValue = null;
    }

    @Override
    void moved(int from, int to) {
        values[to] = values[from];
        values[from] = null;
    }

    @Override
    void grown(long[] oldSlots) {
        byte[][] old = values;
        values = new byte[capacity()][];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) values[slotOf(oldSlots[2 * i], oldSlots[2 * i + 1])] = old[i];
        }
    }

    private static boolean isZero(long[] hash) {
        return hash[0] == 0 && hash[1] == 0;
    }
}
