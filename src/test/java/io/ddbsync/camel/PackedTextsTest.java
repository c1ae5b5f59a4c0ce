package io.ddbsync.camel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Texts packed into one array read back exactly as added: nulls, empty texts, any characters, past the room first made. */
class PackedTextsTest {

    @Test
    void everyTextReadsBackAsAddedPastTheRoomFirstMade() {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            added.add(switch (i % 6) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "/" + (20240101 + i);
                case 3 -> "/上海/" + i;
                case 4 -> "/\uD83D\uDE00 " + i + " \n=%";
                default -> "x".repeat(i);
            });
        }
        PackedTexts packed = new PackedTexts(3);
        added.forEach(packed::add);
        assertEquals(added.size(), packed.size());
        for (int i = 0; i < added.size(); i++) assertEquals(added.get(i), packed.get(i), "text " + i);
    }

    @Test
    void aTrimmedListTakesMoreTexts() {
        PackedTexts packed = new PackedTexts(100);
        packed.add("/a");
        packed.trimmed();
        packed.add(null);
        packed.add("/b");
        packed.trimmed().add("/c");
        assertEquals(4, packed.size());
        assertEquals("/a", packed.get(0));
        assertNull(packed.get(1));
        assertEquals("/b", packed.get(2));
        assertEquals("/c", packed.get(3));

        PackedTexts empty = new PackedTexts(0).trimmed();
        assertEquals(0, empty.size());
        empty.add("/only");
        assertEquals("/only", empty.get(0));
    }

    @Test
    void aTextOfAListInStringOrderIsFound() {
        List<String> sorted = List.of("/1", "/10", "/2", "/上海", "/\uD83D\uDE00");
        PackedTexts packed = new PackedTexts(2);
        sorted.forEach(packed::add);
        for (int i = 0; i < sorted.size(); i++) assertEquals(i, packed.indexOfSorted(sorted.get(i)), sorted.get(i));
        for (String absent : List.of("", "/", "/0", "/11", "/3", "/\uFFFF")) assertEquals(-1, packed.indexOfSorted(absent), absent);
        assertEquals(-1, new PackedTexts(0).indexOfSorted("/1"));
    }

    @Test
    void aTextNotAddedIsRefusedNamingItsIndex() {
        PackedTexts packed = new PackedTexts(10);
        packed.add("/a");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> packed.get(1));
        assertEquals("1 of 1 texts", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> packed.get(-1));
    }
}
