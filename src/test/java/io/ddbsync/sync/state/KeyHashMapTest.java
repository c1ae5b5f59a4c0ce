package io.ddbsync.sync.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The stats cache's table of key hashes and values: it answers as a map of the keys would, while
 * the table grows many times, entries move back into the holes removals leave, and hashes share a
 * home slot; each value stays with its key.
 */
class KeyHashMapTest {

    @Test
    void putGetRemoveAsAMapOfTheKeysThroughManyGrowths() {
        KeyHashMap map = new KeyHashMap();
        Map<String, String> expected = new HashMap<>();
        Random random = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            String key = "crc32|source|dfs://db/t|day DATE,qty INT|/" + random.nextInt(50_000);
            long[] hash = Hash128.of(key);
            if (random.nextInt(4) == 0) {
                assertEquals(expected.remove(key) != null, map.remove(hash[0], hash[1]), key);
            } else {
                String value = "v" + i;
                assertEquals(expected.put(key, value), text(map.put(hash, bytes(value))), key);
            }
        }
        assertEquals(expected.size(), map.size());
        for (int p = 0; p < 50_000; p++) {
            String key = "crc32|source|dfs://db/t|day DATE,qty INT|/" + p;
            assertEquals(expected.get(key), text(map.get(Hash128.of(key))), key);
        }
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get(Hash128.of("crc32|source|dfs://db/t|day DATE,qty INT|/1")));
    }

    @Test
    void valuesFollowTheirHashesWhenAChainShiftsBack() {
        // these 40 share a home slot (the low bits), and the table grows past 16 slots meanwhile
        KeyHashMap map = new KeyHashMap();
        for (long i = 1; i <= 40; i++) map.put(new long[] {i, 7L << 40}, bytes("a" + i));
        for (long i = 1; i <= 20; i++) map.put(new long[] {-i, -i}, bytes("b" + i));
        for (long i = 1; i <= 40; i += 2) map.remove(i, 7L << 40);
        for (long i = 1; i <= 40; i++) assertEquals(i % 2 == 0 ? "a" + i : null, text(map.get(new long[] {i, 7L << 40})), "entry " + i);
        for (long i = 1; i <= 20; i++) assertEquals("b" + i, text(map.get(new long[] {-i, -i})), "entry " + -i);
        assertEquals(40, map.size());
    }

    @Test
    void theHashOfZerosKeepsItsValueApart() {
        KeyHashMap map = new KeyHashMap();
        long[] zero = {0, 0};
        assertNull(map.put(zero, bytes("z1")));
        assertArrayEquals(bytes("z1"), map.put(zero, bytes("z2")));
        map.put(new long[] {0, 1}, bytes("one"));
        assertEquals("z2", text(map.get(zero)));
        assertEquals(2, map.size());
        map.remove(0, 0);
        assertNull(map.get(zero));
        assertEquals("one", text(map.get(new long[] {0, 1})));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
