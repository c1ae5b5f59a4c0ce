package io.ddbsync.sync.online;

import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The per-partition steps' own failures. */
class PartitionStepsTest {
    /** A block whose digest meets an OutOfMemoryError, as a block too large for the heap would. */
    private static BasicTable blockThatRunsOutOfHeap() {
        return new BasicTable(List.of("qty"), List.<Vector>of(new BasicIntVector(new int[]{1, 2}))) {
            @Override
            public Vector getColumn(int index) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
    }

    private static Exchange partitionExchange(BasicTable body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        PartitionTask task = new PartitionTask("/20240101", "partition(Timestamp, 2024.01.01)", PartitionTask.Action.CREATE, 2, 0, 0,
                null, null, null, PartitionTask.ABSENT);
        exchange.setProperty(SyncProperties.PROGRESS, new PartitionProgress(task, true));
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void runningOutOfHeapWhileDigestingABlockFailsThePartitionNotItsThread() {
        PartitionSteps steps = new PartitionSteps();
        for (String step : List.of("block", "readBack")) {
            Exchange exchange = partitionExchange(blockThatRunsOutOfHeap());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> {
                        if (step.equals("block")) steps.block(exchange);
                        else steps.readBack(exchange);
                    }, step);
            assertTrue(e.getMessage().startsWith("out of heap memory (the runner's maximum heap is "), e.getMessage());
            assertTrue(e.getMessage().contains("lower parallel or fetchSize"), e.getMessage());
            assertInstanceOf(OutOfMemoryError.class, e.getCause(), step);
        }
    }
}
