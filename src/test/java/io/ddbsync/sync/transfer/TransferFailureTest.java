package io.ddbsync.sync.transfer;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransferFailureTest {

    @Test
    void saysJobLegTargetStageAndTheCausesWithoutCamelsWrappers() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(TransferHeaders.RESTORE_PATH, "/data/restore/db1/files");
        exchange.setProperty(TransferHeaders.STAGE, "uploading");
        Exception cause = new CamelExchangeException("Multicast processing failed for number 3", exchange,
                new GenericFileOperationFailedException("Cannot store file: /data/restore/db1/files/a.col.part",
                        new java.io.IOException("No space left on device")));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        TransferFailure failure = new TransferFailure();
        failure.setJobId("db1");
        failure.setLeg("SFTP");
        failure.setTarget("sftp://sync@target:22");

        TransferException e = assertThrows(TransferException.class, () -> failure.rethrow(exchange));

        assertEquals("job db1: SFTP transfer to sftp://sync@target:22 /data/restore/db1/files failed while uploading: "
                + "Cannot store file: /data/restore/db1/files/a.col.part: No space left on device", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
