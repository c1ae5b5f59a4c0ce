package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StandInSmokeTest {
    @Test
    void tutorialTableRoundTrip() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            assertEquals(2, ((BasicInt) c.run("1+1")).getInt());
            c.run("""
                    if (existsDatabase("dfs://db1")) dropDatabase("dfs://db1")
                    db = database("dfs://db1", VALUE, 2024.01.01..2024.01.10)
                    t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                    pt = db.createPartitionedTable(t, `mt, `Timestamp)
                    n = 10
                    data = table(2024.01.01T09:30:00.000 + 0..9 * 86400000 as Timestamp, take(`IBM`MSFT, 10) as sym, 1..10 as qty, 1.5 * (1..10) as price)
                    """);
            BasicTable all = (BasicTable) c.run("select * from loadTable('dfs://db1', 'mt')");
            assertEquals(0, all.rows());
        }
    }
}
