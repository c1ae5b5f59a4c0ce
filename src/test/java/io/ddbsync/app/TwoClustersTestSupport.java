package io.ddbsync.app;

import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two stand-ins, the clusters a test points "source" and "target" at ({@link SyncRunner#clusters}),
 * started once per test class and stopped after its last test. A class's own {@code @BeforeAll}
 * (under another name) runs after this one, with both clusters up: to create its tables.
 */
abstract class TwoClustersTestSupport {
    static TestCluster source;
    static TestCluster target;

    @BeforeAll
    static void startClusters() throws Exception {
        source = TestCluster.start();
        target = TestCluster.second();
    }

    @AfterAll
    static void stopClusters() {
        if (source != null) source.close();
        if (target != null) target.close();
    }
}
