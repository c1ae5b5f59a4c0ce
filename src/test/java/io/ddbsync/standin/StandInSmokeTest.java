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
                    data = table(2024.01.01T09:30:00.000 + (0..9) * 86400000 as Timestamp, take(`IBM`MSFT, 10) as sym, 1..10 as qty, 1.5 * (1..10) as price)
                    loadTable("dfs://db1", "mt").append!(data)
                    """);
            BasicTable all = (BasicTable) c.run("select * from loadTable('dfs://db1', 'mt')");
            assertEquals(10, all.rows());
            BasicTable day = (BasicTable) c.run("select * from loadTable('dfs://db1', 'mt') where date(Timestamp) = 2024.01.03");
            assertEquals(1, day.rows());
            assertEquals(3, ((BasicIntVector) day.getColumn("qty")).getInt(0));
            BasicTable parts = (BasicTable) c.run("getTabletsMeta('/db1/%', `mt, true, -1)");
            assertEquals(10, parts.rows());
            assertEquals("/db1/20240101/" , parts.getColumn("dfsPath").getString(0).substring(0, 14));
            Entity count = c.run("exec count(*) from loadTable('dfs://db1', 'mt') where Timestamp between 2024.01.02T00:00:00.000 : 2024.01.04T23:59:59.999");
            assertEquals(3, ((Scalar) count).getNumber().intValue());
            c.close();
            if (!cluster.isStandIn()) return;
            try (TestCluster again = cluster.restart()) {
                DBConnection c2 = again.connect();
                BasicTable after = (BasicTable) c2.run("select sum(qty) as total, count(*) as n from loadTable('dfs://db1', 'mt')");
                assertEquals(55L, ((Scalar) after.getColumn("total").get(0)).getNumber().longValue());
                assertEquals(10, ((Scalar) after.getColumn("n").get(0)).getNumber().intValue());
            }
        }
    }
}
