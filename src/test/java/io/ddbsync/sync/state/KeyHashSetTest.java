package io.ddbsync.sync.state;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ledger's set of key hashes: it answers as a set of the keys would, through growth, removals
 * in the middle of probe chains, hashes that share a home slot, and the hash of zeros.
 */
class KeyHashSetTest {

    @Test
    void addContainsRemoveAsASetOfTheKeys() {
        KeyHashSet set = new KeyHashSet();
        Set<String> expected = new HashSet<>();
        Random random = new Random(18);
        for (int i = 0; i < 50_000; i++) {
            String key = "job|dfs://db/t|2024.01.01..2024.01.31|/" + random.nextInt(20_000) + "|v" + random.nextInt(3);
            int op = random.nextInt(3);
            if (op == 0) assertEquals(expected.remove(key), set.remove(key), key);
            else assertEquals(expected.add(key), set.add(key), key);
            assertEquals(expected.size(), set.size());
        }
        for (int p = 0; p < 20_000; p++) {
            for (int v = 0; v < 3; v++) {
                String key = "job|dfs://db/t|2024.01.01..2024.01.31|/" + p + "|v" + v;
                assertEquals(expected.contains(key), set.contains(key), key);
            }
        }
        assertFalse(set.contains("job|dfs://db/t|2024.01.01..2024.01.31|/20000|v0"), "never added");
        set.clear();
        assertEquals(0, set.size());
        assertTrue(set.isEmpty());
        assertFalse(set.contains("job|dfs://db/t|2024.01.01..2024.01.31|/1|v0"));
    }

    @Test
    void hashesOfOneHomeSlotStayFindableWhateverIsRemovedAroundThem() {
        // the slot is chosen by the low bits: these 40 share a home slot, and the table grows past 16 slots meanwhile
        KeyHashSet set = new KeyHashSet();
        for (long i = 1; i <= 40; i++) assertTrue(set.add(i, 7L << 40));
        for (long i = 1; i <= 40; i++) assertFalse(set.add(i, 7L << 40), "held already");
        // others whose home slots lie inside the chain, wrapping around the table's end
        for (long i = 1; i <= 20; i++) assertTrue(set.add(-i, -i));
        for (long i = 1; i <= 40; i += 2) assertTrue(set.remove(i, 7L << 40));
        for (long i = 1; i <= 40; i++) assertEquals(i % 2 == 0, set.contains(i, 7L << 40), "entry " + i);
        for (long i = 1; i <= 20; i++) assertTrue(set.contains(-i, -i), "entry " + -i);
        assertFalse(set.remove(1, 7L << 40), "removed already");
        assertEquals(40, set.size());
    }

    @Test
    void theHashOfZerosIsAKeyLikeAnyOther() {
        KeyHashSet set = new KeyHashSet();
        assertFalse(set.contains(0, 0));
        assertTrue(set.add(0, 0));
        assertFalse(set.add(0, 0));
        assertTrue(set.contains(0, 0));
        assertEquals(1, set.size());
        assertTrue(set.remove(0, 0));
        assertFalse(set.contains(0, 0));
        assertEquals(0, set.size());
    }

    @Test
    void keysDifferingInOneCharacterAreDifferentKeys() {
        KeyHashSet set = new KeyHashSet();
        set.add("db1-online|dfs://db1/mt|all|/12|v1|v2");
        assertFalse(set.contains("db1-online|dfs://db1/mt|all|/1|v1|v2"));
        assertFalse(set.contains("db1-online|dfs://db1/mt|all|/12|v1|v3"));
        assertTrue(set.contains("db1-online|dfs://db1/mt|all|/12|v1|v2"));
    }
}
