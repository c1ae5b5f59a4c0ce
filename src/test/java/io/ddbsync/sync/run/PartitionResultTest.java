package io.ddbsync.sync.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report's partition keeps one checksum text when both sides' are equal, and both when they differ. */
class PartitionResultTest {
    @Test
    void equalChecksumsAreKeptOnce() {
        // two equal texts, as two servers' replies decode them: distinct objects
        String source = new String("00000000000000ff0000000000000abc".toCharArray());
        String target = new String("00000000000000ff0000000000000abc".toCharArray());
        assertNotSame(source, target);
        RunReport.PartitionResult r = new RunReport.PartitionResult("/db/1", "copied", 5, 5, source, target, 10, 1);
        assertSame(r.sourceChecksum(), r.targetChecksum());
        assertEquals("00000000000000ff0000000000000abc", r.targetChecksum());
        assertTrue(r.verified());
    }

    @Test
    void differentOrMissingChecksumsAreKeptAsGiven() {
        RunReport.PartitionResult differ = new RunReport.PartitionResult("/db/1", "copied", 5, 5, "aa", "bb", 10, 1);
        assertEquals("aa", differ.sourceChecksum());
        assertEquals("bb", differ.targetChecksum());
        assertFalse(differ.verified());
        RunReport.PartitionResult missing = new RunReport.PartitionResult("/db/1", "failed", 5, -1, "aa", null, 0, 0);
        assertNull(missing.targetChecksum());
        assertFalse(missing.verified());
    }
}
