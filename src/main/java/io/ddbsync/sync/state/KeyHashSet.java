package io.ddbsync.sync.state;

/**
 * A set of text keys that keeps 16 bytes a key instead of the key: the first 128 bits of each key's
 * SHA-256 ({@link Hash128}), in an open-addressing table of longs (linear probing, at most 70% full, so 23 to 46 bytes
 * a key in all, against about 200 for a ledger key of ~80 characters in a {@code HashSet<String>}).
 * <p>
 * Two different keys with the same 128 bits would make {@link #contains} say yes for a key never
 * added. SHA-256 spreads keys as a random function would (no one has found two texts with the same
 * SHA-256, let alone the same first 128 bits by chance), so with {@code n} keys held the chance that
 * one lookup of a key not held answers yes is at most {@code n / 2^128}: below 10^-30 for ten
 * million keys. The keys themselves are not kept: whoever needs their text (the ledger, to rewrite
 * its file) reads it from where it came from.
 * <p>
 * Not thread-safe: its owner (the ledger) uses it under its lock. {@link KeyHashMap} extends it with
 * a value a key, following the slots through the hooks {@link #moved} and {@link #grown}.
 */
class KeyHashSet {
    private static final int MIN_SLOTS = 16;
    /** Slots as {high, low} pairs; a pair of zeros is an empty slot (the key hashing to zeros is {@link #holdsZero}). */
    private long[] slots = new long[2 * MIN_SLOTS];
    private int size;
    private boolean holdsZero;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(String key) {
        long[] h = hash(key);
        return contains(h[0], h[1]);
    }

    /** Adds the key; false when it was held already. */
    boolean add(String key) {
        long[] h = hash(key);
        return add(h[0], h[1]);
    }

    /** Removes the key; false when it was not held. */
    boolean remove(String key) {
        long[] h = hash(key);
        return remove(h[0], h[1]);
    }

    // by hash: the tests choose hashes that collide

    boolean contains(long high, long low) {
        if (high == 0 && low == 0) return holdsZero;
        return occupied(find(high, low));
    }

    boolean add(long high, long low) {
        if (high == 0 && low == 0) {
            if (holdsZero) return false;
            holdsZero = true;
            size++;
            return true;
        }
        int at = find(high, low);
        if (occupied(at)) return false;
        slots[2 * at] = high;
        slots[2 * at + 1] = low;
        size++;
        if (size > capacity() * 7L / 10) grow();
        return true;
    }

    boolean remove(long high, long low) {
        if (high == 0 && low == 0) {
            if (!holdsZero) return false;
            holdsZero = false;
            size--;
            return true;
        }
        int at = find(high, low);
        if (!occupied(at)) return false;
        shiftBackInto(at);
        size--;
        return true;
    }

    void clear() {
        slots = new long[2 * MIN_SLOTS];
        size = 0;
        holdsZero = false;
    }

    /** The slot of a hash other than zero when held, else -1. */
    final int slotOf(long high, long low) {
        int at = find(high, low);
        return occupied(at) ? at : -1;
    }

    /** The high long of the hash in this slot (zero for an empty one). */
    final long high(int slot) {
        return slots[2 * slot];
    }

    /** The low long of the hash in this slot (zero for an empty one). */
    final long low(int slot) {
        return slots[2 * slot + 1];
    }

    /** The entry in slot {@code from} moved to slot {@code to} (a removal's backward shift). */
    void moved(int from, int to) {
    }

    /** The table was rebuilt larger; {@code oldSlots} is the one it replaced ({@link #slotOf} gives each entry's new slot). */
    void grown(long[] oldSlots) {
    }

    final int capacity() {
        return slots.length / 2;
    }

    private boolean occupied(int slot) {
        return slots[2 * slot] != 0 || slots[2 * slot + 1] != 0;
    }

    /** The slot that holds this hash, or the empty slot where it would go. */
    private int find(long high, long low) {
        int mask = capacity() - 1;
        int at = (int) low & mask;
        while (occupied(at) && (slots[2 * at] != high || slots[2 * at + 1] != low)) at = (at + 1) & mask;
        return at;
    }

    /**
     * Empties a slot without breaking a probe chain that runs through it: the entries after it, up
     * to the next empty slot, move back into the hole when their home slot allows (backward shift,
     * so the table never fills with tombstones).
     */
    private void shiftBackInto(int hole) {
        int mask = capacity() - 1;
        int next = (hole + 1) & mask;
        while (occupied(next)) {
            int home = (int) slots[2 * next + 1] & mask;
            // the entry at next may fill the hole when its home is not in the cyclic range (hole, next]
            boolean homeAfterHole = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!homeAfterHole) {
                slots[2 * hole] = slots[2 * next];
                slots[2 * hole + 1] = slots[2 * next + 1];
                moved(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[2 * hole] = 0;
        slots[2 * hole + 1] = 0;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] == 0 && old[i + 1] == 0) continue;
            int at = find(old[i], old[i + 1]);
            slots[2 * at] = old[i];
            slots[2 * at + 1] = old[i + 1];
        }
        grown(old);
    }

    private static long[] hash(String key) {
        return Hash128.of(key);
    }
}
