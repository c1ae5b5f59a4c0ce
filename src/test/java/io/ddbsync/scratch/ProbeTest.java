package io.ddbsync.scratch;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import java.util.*;

class ProbeTest {
    void t(DBConnection c, String label, java.util.concurrent.Callable<Entity> f) {
        try { Entity e = f.call(); System.out.println("OK  " + label + " => " + (e == null ? "null" : e.getClass().getSimpleName() + " " + e.getString().replace("\n", " | "))); }
        catch (Exception e) { System.out.println("ERR " + label + " => " + e); }
    }
    @Test
    void probe() throws Exception {
        try (TestCluster cl = TestCluster.start()) {
            DBConnection c = cl.connect();
            t(c, "compo db2", () -> c.run("def(dbUrl, t1, s1, t2, s2, engine){ db1 = database(\"\", t1, s1); db2 = database(\"\", t2, s2); return database(directory=dbUrl, partitionType=COMPO, partitionScheme=[db1, db2], engine=engine) }",
                List.of(new BasicString("dfs://p2"), new BasicInt(1), new BasicDateVector(new int[]{19723, 19724}), new BasicInt(5), new BasicIntVector(new int[]{17, 4}), new BasicString("TSDB"))));
            t(c, "compo db3", () -> c.run("db1 = database('', VALUE, 2024.01.01..2024.01.02); db2 = database('', HASH, [SYMBOL, 4]); database('dfs://p3', COMPO, [db1, db2])"));
            t(c, "dec scalar", () -> c.run("string(decimal32(1.25, 2))"));
            t(c, "dec vec", () -> c.run("string(decimal32(1.25 2.5, 2))"));
            t(c, "dec cast", () -> c.run("string(1.25 2.5 $ DECIMAL32(2))"));
            t(c, "dec in table", () -> c.run("t = table(decimal32(1.25 2.5, 2) as d); string(t.d)"));
            t(c, "format", () -> c.run("format([0.1, 2.5, -1e300, 00F, 1.0/3], \"0.0000000000000000E0\")"));
            t(c, "partition hash", () -> c.run("db1 = database('', VALUE, 2024.01.01..2024.01.02); db2 = database('', HASH, [SYMBOL, 4]); db=database('dfs://p4', COMPO, [db1, db2]); t=table(2024.01.01 2024.01.02 as d, `A`B as sym, 1.5 2.25 as px); db.createPartitionedTable(t, `mt, `d`sym).append!(t); select * from loadTable('dfs://p4','mt') where partition(d, 2024.01.02) and partition(sym, hashBucket(`B, 4))"));
            t(c, "tablets compo", () -> c.run("pnodeRun(getTabletsMeta{'/p4/%', `mt, false, -1})"));
            t(c, "schema", () -> c.run("schema(loadTable('dfs://p4', 'mt'))"));
            t(c, "list db", () -> c.run("db = database('dfs://p5', LIST, [`A`B, `C]); t=table(`A`C as sym, 1 2 as v); db.createPartitionedTable(t, `mt, `sym).append!(t); s = schema(loadTable('dfs://p5','mt')); s[`partitionSchema]"));
            t(c, "list partition", () -> c.run("select * from loadTable('dfs://p5','mt') where partition(sym, 1)"));
            t(c, "range db", () -> c.run("db = database('dfs://p6', RANGE, 0 10 20); t=table(1 15 as id, 1 2 as v); db.createPartitionedTable(t, `mt, `id).append!(t); select * from loadTable('dfs://p6','mt') where partition(id, 1)"));
            t(c, "exec where", () -> c.run("exec count(*) from loadTable('dfs://p6','mt') where partition(id, 1) and (id > 100)"));
            t(c, "string bool char", () -> c.run("string([true, false]) ; string('a' 'b')"));
            t(c, "uuid", () -> c.run("string(uuid('5d212a78-cc48-e3b1-4235-b4d91473ee87'))"));
            t(c, "ipaddr", () -> c.run("string(ipaddr('192.168.1.13'))"));
            t(c, "sum empty", () -> c.run("sum(long(crc32(string(take(1,0)), 0)))"));
        }
    }
}
