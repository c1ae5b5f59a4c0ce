package io.ddbsync.sync.online;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Online sync end to end with the runner reaching the target (and the source) through a {@link TcpProxy} each (to cut,
 * restart or slow the link), and a ledger of the test's own ({@link ObservedLedger}, bean
 * observedLedger) that tells the test when a partition verified.
 */
abstract class ProxiedTargetTestSupport extends OnlineSyncTestSupport {
    static TcpProxy proxy;
    /** The source's link, proxied too, for tests that cut or restart it. */
    static TcpProxy sourceProxy;
    ObservedLedger ledger;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = new TcpProxy(dst.host(), dst.port());
        sourceProxy = new TcpProxy(src.host(), src.port());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
        sourceProxy.close();
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + proxy.port();
    }

    @Override
    String sourceSites() {
        return "127.0.0.1:" + sourceProxy.port();
    }

    @BeforeEach
    void bindLedger() {
        ledger = new ObservedLedger();
        context.getRegistry().bind("observedLedger", ledger);
    }
}
