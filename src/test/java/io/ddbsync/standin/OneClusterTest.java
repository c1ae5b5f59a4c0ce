package io.ddbsync.standin;

import com.xxdb.DBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class's common setup: one cluster (a stand-in, or the DDB_TEST_* server) and a connection to it, for the whole class. */
public abstract class OneClusterTest {
    protected static TestCluster cluster;
    protected static DBConnection conn;

    @BeforeAll
    protected static void startCluster() throws Exception {
        cluster = TestCluster.start();
        conn = cluster.connect();
    }

    @AfterAll
    protected static void stopCluster() {
        if (conn != null) conn.close();
        if (cluster != null) cluster.close();
    }
}
