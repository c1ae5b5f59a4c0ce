package io.ddbsync.sync.online;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** When blocks' column arrays are humongous for G1, and what a run then advises. */
class HumongousBlocksTest {
    private static final long MB = 1L << 20;

    @Test
    void anArrayOfMoreThanHalfARegionIsHumongous() {
        // 65,534 LONGs and the array header are exactly half a 1 MB region: still an ordinary object
        assertNull(HumongousBlocks.advice(65_534, MB));
        String advice = HumongousBlocks.advice(65_536, MB);
        assertNotNull(advice);
        assertTrue(advice.contains("blocks of 65536 rows") && advice.contains("1 MB heap regions"), advice);
        assertTrue(advice.contains("-XX:G1HeapRegionSize=2m") && advice.contains("lower fetchSize to 65534 or fewer"), advice);
    }

    @Test
    void theAdvisedRegionHoldsTheBlock() {
        assertNull(HumongousBlocks.advice(65_536, 2 * MB));
        assertTrue(HumongousBlocks.advice(131_072, 2 * MB).contains("-XX:G1HeapRegionSize=4m"));
        assertNull(HumongousBlocks.advice(131_072, 4 * MB));
    }

    @Test
    void blocksNoRegionCanHoldOnlyGetSmaller() {
        // 8 million LONGs are 64 MB: more than half of G1's largest region (32 MB)
        String advice = HumongousBlocks.advice(8 << 20, 4 * MB);
        assertFalse(advice.contains("G1HeapRegionSize"), advice);
        assertTrue(advice.contains("lower fetchSize to 262142 or fewer"), advice);
    }

    @Test
    void anotherCollectorHasNoHumongousObjects() {
        assertNull(HumongousBlocks.advice(1 << 22, 0));
    }
}
