package io.ddbsync.sync.online;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Online sync end to end with the runner reaching the target through a {@link TcpProxy} (to cut,
 * restart or slow the link), and a ledger of the test's own ({@link ObservedLedger}, bean
 * observedLedger) that tells the test when a partition verified.
 */
abstract class ProxiedTargetTestSupport extends OnlineSyncTestSupport {
    static TcpProxy proxy;
    ObservedLedger ledger;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = new TcpProxy(dst.host(), dst.port());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + proxy.port();
    }

    @BeforeEach
    void bindLedger() {
        ledger = new ObservedLedger();
        context.getRegistry().bind("observedLedger", ledger);
    }
}
