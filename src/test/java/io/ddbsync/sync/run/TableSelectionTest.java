package io.ddbsync.sync.run;

import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** How a job's database, tables, target and per-table overrides resolve against a listed source. */
class TableSelectionTest {
    private static final Map<String, List<String>> SOURCE = Map.of(
            "dfs://db1", List.of("quotes_b", "mt", "quotes_a", "dims"),
            "dfs://trades_eu", List.of("fills", "orders"),
            "dfs://trades_us", List.of("fills"),
            "dfs://other", List.of("fills"));

    private static TableSelection.Resolved resolve(TableSelection s, Collection<String> known) {
        return s.resolve(SOURCE::keySet, db -> SOURCE.getOrDefault(db, List.of()), known);
    }

    private static List<String> keys(TableSelection.Resolved r) {
        return r.tables().stream().map(SyncTable::toString).toList();
    }

    @Test
    void aWholeDatabaseIsEveryTableSortedAndWrittenUnderItsOwnName() {
        TableSelection.Resolved r = resolve(new TableSelection("j", "dfs://db1", "*", "", null), List.of());
        assertEquals(List.of("dfs://db1/dims", "dfs://db1/mt", "dfs://db1/quotes_a", "dfs://db1/quotes_b"), keys(r));
        assertEquals(List.of(), r.dropped());
        assertEquals(new SyncTable("dfs://db1", "mt", "dfs://db1", "mt", "", ""), r.tables().get(1));
    }

    @Test
    void aListOfNamesAndPatternsSelectsThoseOnly() {
        TableSelection s = new TableSelection("j", "dfs://db1", " mt, quotes_* ", "dfs://copy", null);
        assertEquals(List.of("dfs://db1/mt -> dfs://copy/mt", "dfs://db1/quotes_a -> dfs://copy/quotes_a",
                "dfs://db1/quotes_b -> dfs://copy/quotes_b"), keys(resolve(s, List.of())));
        assertFalse(s.isSingleTable());
        assertTrue(new TableSelection("j", "dfs://db1", "mt", "", null).isSingleTable());
    }

    @Test
    void aDatabasePatternMapsEachDatabaseToItselfOrToTheTargetPatternsMatch() {
        assertEquals(List.of("dfs://trades_eu/fills", "dfs://trades_us/fills"),
                keys(resolve(new TableSelection("j", "dfs://trades_*", "fills", "", null), List.of())));
        assertEquals(List.of("dfs://trades_eu/fills -> dfs://copy_eu/fills", "dfs://trades_eu/orders -> dfs://copy_eu/orders",
                        "dfs://trades_us/fills -> dfs://copy_us/fills"),
                keys(resolve(new TableSelection("j", "dfs://trades_*", "*", "dfs://copy_*", null), List.of())));
    }

    @Test
    void perTableOverridesApplyToTheirTableOnly() {
        Properties p = new Properties();
        p.setProperty("jobs.j.tables.mt.targetTable", "mt_copy");
        p.setProperty("jobs.j.tables.mt.columns", "date, sym,price");
        p.setProperty("jobs.j.tables.dims.targetDatabase", "dfs://dims");
        p.setProperty("jobs.j.tables.dims.windowColumn", "day");
        p.setProperty("jobs.other.tables.mt.targetTable", "not_this_job");
        List<SyncTable> t = resolve(new TableSelection("j", "dfs://db1", "mt, dims", "", p), List.of()).tables();
        assertEquals(new SyncTable("dfs://db1", "dims", "dfs://dims", "dims", "", "day"), t.get(0));
        assertEquals(new SyncTable("dfs://db1", "mt", "dfs://db1", "mt_copy", "date, sym, price", ""), t.get(1));
    }

    @Test
    void anUnknownSettingOrAnOverrideForAnUnselectedTableStopsNamingIt() {
        Properties p = new Properties();
        p.setProperty("jobs.j.tables.mt.targetTabel", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TableSelection("j", "dfs://db1", "*", "", p));
        assertTrue(e.getMessage().contains("jobs.j.tables.mt.targetTabel"), e.getMessage());
        assertTrue(e.getMessage().contains("targetTable"), e.getMessage());
        Properties q = new Properties();
        q.setProperty("jobs.j.tables.quotes.targetTable", "x");
        e = assertThrows(IllegalArgumentException.class, () -> new TableSelection("j", "dfs://db1", "mt", "", q));
        assertTrue(e.getMessage().contains("jobs.j.tables.quotes.targetTable") && e.getMessage().contains("quotes"), e.getMessage());
    }

    @Test
    void aTableDroppedOnTheSourceIsReportedAndANewOneIsPickedUp() {
        TableSelection s = new TableSelection("j", "dfs://db1", "*", "", null);
        TableSelection.Resolved r = resolve(s, Set.of("dfs://db1/mt", "dfs://db1/gone", "dfs://db1/dims"));
        assertEquals(List.of("dfs://db1/gone"), r.dropped());
        assertEquals(4, r.tables().size(), "quotes_a and quotes_b, unknown before, are synced too");
        // a table named explicitly that an earlier run synced and the source dropped: reported, not an error
        TableSelection named = new TableSelection("j", "dfs://db1", "mt, gone", "", null);
        assertEquals(List.of("dfs://db1/gone"), resolve(named, Set.of("dfs://db1/gone")).dropped());
    }

    @Test
    void aNamedTableTheSourceNeverHadIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new TableSelection("j", "dfs://db1", "mt, nosuch", "", null), List.of()));
        assertTrue(e.getMessage().contains("dfs://db1/nosuch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new TableSelection("j", "dfs://nothing_*", "*", "", null), List.of()));
        assertTrue(e.getMessage().contains("dfs://nothing_*"), e.getMessage());
    }

    @Test
    void twoTablesWrittenToOneTargetAndBadNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new TableSelection("j", "dfs://trades_*", "fills", "dfs://one", null), List.of()));
        assertTrue(e.getMessage().contains("dfs://one/fills"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TableSelection("j", "dfs://db1", "mt\"); x(\"", "", null));
        assertTrue(e.getMessage().contains("Invalid table"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TableSelection("j", "dfs://a_*", "*", "dfs://b_*_*", null));
        assertTrue(e.getMessage().contains("targetDatabase 'dfs://b_*_*'"), e.getMessage());
    }
}
