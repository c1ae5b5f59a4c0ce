package io.ddbsync.sync.run;

import io.ddbsync.sync.state.JobLock;
import io.ddbsync.sync.state.JobLockedException;
import io.ddbsync.camel.DolphinDBOperationException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The words a failed run's report gives, from the exceptions Camel really throws: no exchange id,
 * no doubled full stop, the server's answer once.
 */
class FailureWordsTest {
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aDolphinDBOperationsFailureIsWhereAndWhatTheServerAnswered() {
        IOException server = new IOException("127.0.0.1:8849 Server response: 'The database [dfs://db1] already exists.' function: def(...)");
        DolphinDBOperationException failed = new DolphinDBOperationException(exchange, "target", "ensureTable", "dfs://db1", "mt", null,
                "The database [dfs://db1] already exists.", server);
        String words = SyncRuns.describe(new CamelExecutionException("Exception occurred during execution on the exchange", exchange, failed));
        assertEquals("dolphindb:target operation ensureTable failed, database=dfs://db1, table=mt: The database [dfs://db1] already exists.", words);
        assertEquals(words, failed.getMessage());
    }

    @Test
    void camelsExchangeTailIsLeftOutAndTheRootCauseAddedOnce() {
        CamelExchangeException e = new CamelExchangeException("Sequential processing failed for number 3.", exchange,
                new IOException("Connection reset"));
        String words = SyncRuns.describe(new RuntimeCamelException(e));
        assertEquals("Sequential processing failed for number 3.: Connection reset", words);
        assertFalse(words.contains("Exchange["), words);
    }

    @Test
    void aRefusedRunSaysWhoRunsTheJob() {
        JobLockedException refused = new JobLockedException("db1-online", new JobLock.Holder("h", 123, java.time.Instant.parse("2026-12-05T19:00:00Z")),
                java.nio.file.Path.of("/state/locks/db1-online.lock"));
        assertEquals("job db1-online is running on host h pid 123 since 2026-12-05T19:00:00Z (lock /state/locks/db1-online.lock); this run wrote nothing",
                SyncRuns.describe(refused));
    }
}
