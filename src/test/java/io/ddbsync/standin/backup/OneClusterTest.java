package io.ddbsync.standin.backup;

import com.xxdb.DBConnection;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backup tests' common setup: one cluster (a stand-in, or the DDB_TEST_* server) and a connection to it, for the whole class. */
abstract class OneClusterTest {
    static TestCluster cluster;
    static DBConnection conn;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start();
        conn = cluster.connect();
    }

    @AfterAll
    static void stopCluster() {
        if (conn != null) conn.close();
        if (cluster != null) cluster.close();
    }
}
