package io.ddbsync.standin.dfs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Grouping by runs gives each partition the rows a row-by-row grouping gives it, in order of first rows. */
class PartitionGroupingTest {

    @Test
    void runsGroupLikeRowByRow() {
        Random r = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int levels = 1 + r.nextInt(2);
            int n = r.nextInt(200);
            int values = 1 + r.nextInt(6);
            int runLength = 1 + r.nextInt(30);
            int[][] idx = new int[levels][n];
            for (int l = 0; l < levels; l++) {
                for (int i = 0; i < n; i++) {
                    // runs of one value, some rows outside (-1)
                    idx[l][i] = i % runLength == 0 || i == 0 ? r.nextInt(values + 1) - 1 : idx[l][i - 1];
                }
            }
            PartitionGrouping g = PartitionGrouping.of(idx, n);
            Map<List<Integer>, List<Integer>> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                List<Integer> key = new ArrayList<>();
                boolean outside = false;
                for (int l = 0; l < levels; l++) {
                    key.add(idx[l][i]);
                    if (idx[l][i] < 0) outside = true;
                }
                if (!outside) expected.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            assertEquals(expected.size(), g.count());
            int k = 0;
            for (Map.Entry<List<Integer>, List<Integer>> e : expected.entrySet()) {
                assertEquals(e.getKey(), Arrays.stream(g.indexes(k)).boxed().toList());
                RowSet rows = g.rows(k);
                assertArrayEquals(e.getValue().stream().mapToInt(Integer::intValue).toArray(), rows.rows());
                boolean consecutive = e.getValue().get(e.getValue().size() - 1) - e.getValue().get(0) == e.getValue().size() - 1;
                assertEquals(consecutive, rows.isRange(), "a partition's consecutive rows are a range");
                k++;
            }
        }
    }

    @Test
    void unionsOfAdjacentRangesStayRanges() {
        assertEquals(RowSet.range(3, 9), RowSet.union(RowSet.range(3, 5), RowSet.range(5, 9)));
        assertArrayEquals(new int[]{1, 2, 5, 6}, RowSet.union(RowSet.range(5, 7), RowSet.range(1, 3)).rows());
        assertArrayEquals(new int[]{0, 4, 7, 8}, RowSet.union(RowSet.of(new int[]{0, 7}), RowSet.of(new int[]{4, 8})).rows());
    }
}
