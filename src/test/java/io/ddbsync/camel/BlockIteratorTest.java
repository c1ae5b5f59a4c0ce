package io.ddbsync.camel;

import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import com.xxdb.io.LittleEndianDataInputStream;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/** The blocks of a streaming query when reading one fails: the exchange fails, the connection does not go back to the pool. */
class BlockIteratorTest extends DolphinDBTestSupport {
    /** A reply announcing blocks whose next one cannot be read: decoding it throws {@code failure}. */
    private static EntityBlockReader replyFailingWith(Error failure) throws IOException {
        // the stream's header: one block of one row, so the reader says it has more
        byte[] header = {1, 0, 0, 0, 1, 0, 0, 0};
        return new EntityBlockReader(new LittleEndianDataInputStream(new ByteArrayInputStream(header))) {
            @Override
            public Entity read() {
                throw failure;
            }
        };
    }

    @Test
    void runningOutOfHeapOnABlockFailsTheReadAndDiscardsTheConnection() throws Exception {
        ConnectionPool pool = pool("src");
        int discarded = pool.discardedCount();
        BlockIterator<?> blocks = BlockIterator.decoded(pool.borrow(), replyFailingWith(new OutOfMemoryError("Java heap space")));
        assertTrue(blocks.hasNext());
        RuntimeCamelException e = assertThrows(RuntimeCamelException.class, blocks::next);
        assertTrue(e.getMessage().contains("Reading the next block of a dolphindb query failed: out of heap memory"), e.getMessage());
        assertTrue(e.getMessage().contains("lower parallel or fetchSize"), e.getMessage());
        // the rest of the block is still on that connection: it is closed, not reused
        assertEquals(0, pool.borrowedCount());
        assertEquals(discarded + 1, pool.discardedCount());
        assertFalse(blocks.hasNext());
    }
}
