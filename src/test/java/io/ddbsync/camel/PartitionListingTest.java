package io.ddbsync.camel;

import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * getTabletsMeta's rows (one a partition and data node) as the listing keeps them, without a
 * server: each partition once, in path order, with the most rows any replica reports and the
 * version only when every replica reports the same; paths of any characters read back exactly.
 */
class PartitionListingTest {
    private static final TableSchema TWO_LEVELS = new TableSchema("dfs://db", "t", "OLAP", List.of(),
            List.of(new TableSchema.Level("day", TableSchema.VALUE, 6, null), new TableSchema.Level("sym", TableSchema.VALUE, 18, null)), List.of(), null);

    /** Rows of dfsPath, rowNum, chunkId, version, createCids. */
    private static BasicTable meta(Object[]... rows) {
        String[] paths = new String[rows.length];
        long[] rowNums = new long[rows.length];
        String[] chunks = new String[rows.length];
        String[] versions = new String[rows.length];
        String[] cids = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            paths[i] = (String) rows[i][0];
            rowNums[i] = (long) rows[i][1];
            chunks[i] = (String) rows[i][2];
            versions[i] = (String) rows[i][3];
            cids[i] = "[1, 2]";
        }
        return new BasicTable(List.of("dfsPath", "rowNum", "chunkId", "version", "createCids"), List.of(new BasicStringVector(paths),
                new BasicLongVector(rowNums), new BasicStringVector(chunks), new BasicStringVector(versions), new BasicStringVector(cids)));
    }

    @Test
    void eachPartitionOnceInPathOrderWithItsRowsAndVersion() {
        PartitionListing listing = PartitionListing.parse(meta(
                new Object[]{"/db/20240102/上海/6F", 5L, "c2", "3"},
                new Object[]{"/db/20240101/AAPL/6F", 7L, "c1", "1"},
                // a replica on another node, behind: the most rows, and no version (the replicas disagree)
                new Object[]{"/db/20240102/上海/6F", 4L, "c2", "2"},
                new Object[]{"/db/20240101/AAPL/6F", 7L, "c1", "1"},
                // not a partition of both levels: left out
                new Object[]{"/db/20240103", 9L, "c3", "1"}), TWO_LEVELS);

        assertEquals(2, listing.size());
        assertEquals("/20240101/AAPL", listing.path(0));
        assertEquals(7, listing.rows(0));
        assertEquals("c1@1/7/[1,2]", listing.version(0));
        assertEquals("/20240102/上海", listing.path(1));
        assertEquals(5, listing.rows(1));
        assertNull(listing.version(1));

        assertEquals(1, listing.indexOf("/20240102/上海"));
        assertEquals(0, listing.indexOf("/20240101/AAPL"));
        assertEquals(-1, listing.indexOf("/20240101/MSFT"));
        assertEquals(-1, listing.indexOf("/"));

        PartitionListing second = listing.select(i -> i == 1);
        assertEquals(1, second.size());
        assertEquals("/20240102/上海", second.path(0));
        assertEquals(5, second.rows(0));
        assertNull(second.version(0));
        assertEquals(0, listing.select(i -> false).size());
    }

    /** A dfsPath's parts as split("/") counts them: empty ones in the middle kept, trailing slashes not a level. */
    @Test
    void aPathIsTheDfsPathsLevelsWhateverItsSlashes() {
        PartitionListing listing = PartitionListing.parse(meta(
                new Object[]{"/db/20240104/X/", 1L, "c4", "1"},
                new Object[]{"/db/20240105/", 2L, "c5", "1"},
                new Object[]{"/db/20240106//6F", 3L, "c6", "1"},
                new Object[]{"/db/20240107/Y/6F/more", 4L, "c7", "1"},
                new Object[]{"/db", 5L, "c8", "1"},
                new Object[]{"", 6L, "c9", "1"}), TWO_LEVELS);
        assertEquals(List.of("/20240104/X", "/20240106/", "/20240107/Y"), List.of(listing.path(0), listing.path(1), listing.path(2)));
        assertEquals(3, listing.size());
        assertEquals(4, listing.rows(2));
    }

    /** A listing of several blocks ({@link PartitionListing#BLOCK}) reads, finds and selects every partition. */
    @Test
    void aListingOfSeveralBlocks() {
        int n = 2 * PartitionListing.BLOCK + 44;
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) rows[i] = new Object[]{String.format("/db/%05d/S%d/6F", n - i, i % 7), (long) i, "c" + i, "1"};
        PartitionListing listing = PartitionListing.parse(meta(rows), TWO_LEVELS);
        assertEquals(n, listing.size());
        for (int k = 0; k < n; k++) {
            int i = n - 1 - k;
            String path = String.format("/%05d/S%d", k + 1, i % 7);
            assertEquals(path, listing.path(k));
            assertEquals(i, listing.rows(k));
            assertEquals("c" + i + "@1/" + i + "/[1,2]", listing.version(k));
            assertEquals(k, listing.indexOf(path));
        }
        PartitionListing odd = listing.select(k -> k % 2 == 1);
        assertEquals(n / 2, odd.size());
        for (int j = 0; j < odd.size(); j++) assertEquals(listing.path(2 * j + 1), odd.path(j));
    }

    @Test
    void anEmptyListing() {
        PartitionListing listing = PartitionListing.parse(meta(), TWO_LEVELS);
        assertEquals(0, listing.size());
        assertEquals(-1, listing.indexOf("/20240101/AAPL"));
    }
}
