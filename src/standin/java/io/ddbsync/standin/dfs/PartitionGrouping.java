package io.ddbsync.standin.dfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows grouped by their partition, given each row's partition index at every level (-1 outside
 * the scheme). Groups are numbered in order of their first row. Rows are taken in runs of one
 * partition (data arrives in time order, so a block of rows is usually one run or a few): a row
 * costs a comparison with the previous one, and a partition whose rows form one run is a range,
 * with no list of rows built.
 */
final class PartitionGrouping {
    private final List<int[]> indexes = new ArrayList<>();
    /** Per group, its runs as (start, end) pairs. */
    private final List<int[]> runs = new ArrayList<>();
    private final List<Integer> runCounts = new ArrayList<>();

    static PartitionGrouping of(int[][] levelIndexes, int n) {
        PartitionGrouping g = new PartitionGrouping();
        if (levelIndexes.length == 1) g.groupOneLevel(levelIndexes[0], n);
        else g.groupLevels(levelIndexes, n);
        return g;
    }

    /** One level: partition indexes are small and dense, so an array maps each to its group. */
    private void groupOneLevel(int[] at, int n) {
        int[] groupOfIndex = new int[0];
        for (int i = 0; i < n; ) {
            int a = at[i];
            int end = runEnd(at, i, n);
            if (a >= 0) {
                if (a >= groupOfIndex.length) {
                    int old = groupOfIndex.length;
                    groupOfIndex = Arrays.copyOf(groupOfIndex, Math.max(a + 1, old * 2));
                    Arrays.fill(groupOfIndex, old, groupOfIndex.length, -1);
                }
                int g = groupOfIndex[a];
                if (g < 0) g = groupOfIndex[a] = newGroup(new int[]{a});
                addRun(g, i, end);
            }
            i = end;
        }
    }

    private static int runEnd(int[] at, int start, int n) {
        int a = at[start];
        int j = start + 1;
        while (j < n && at[j] == a) j++;
        return j;
    }

    private void groupLevels(int[][] levelIndexes, int n) {
        int levels = levelIndexes.length;
        Map<List<Integer>, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; ) {
            int end = i + 1;
            while (end < n && sameKey(levelIndexes, i, end)) end++;
            int[] key = new int[levels];
            boolean outside = false;
            for (int l = 0; l < levels; l++) {
                key[l] = levelIndexes[l][i];
                if (key[l] < 0) outside = true;
            }
            if (!outside) {
                List<Integer> boxed = Arrays.stream(key).boxed().toList();
                Integer id = ids.get(boxed);
                if (id == null) ids.put(boxed, id = newGroup(key));
                addRun(id, i, end);
            }
            i = end;
        }
    }

    private static boolean sameKey(int[][] levelIndexes, int a, int b) {
        for (int[] level : levelIndexes) if (level[a] != level[b]) return false;
        return true;
    }

    private int newGroup(int[] key) {
        indexes.add(key);
        runs.add(new int[4]);
        runCounts.add(0);
        return indexes.size() - 1;
    }

    private void addRun(int g, int start, int end) {
        int k = runCounts.get(g);
        int[] r = runs.get(g);
        if (2 * k + 2 > r.length) runs.set(g, r = Arrays.copyOf(r, r.length * 2));
        r[2 * k] = start;
        r[2 * k + 1] = end;
        runCounts.set(g, k + 1);
    }

    int count() {
        return indexes.size();
    }

    /** The partition index at each level of group g. */
    int[] indexes(int g) {
        return indexes.get(g);
    }

    /** The rows of group g. */
    RowSet rows(int g) {
        int k = runCounts.get(g);
        int[] r = runs.get(g);
        if (k == 1) return RowSet.range(r[0], r[1]);
        int size = 0;
        for (int i = 0; i < k; i++) size += r[2 * i + 1] - r[2 * i];
        int[] rows = new int[size];
        int at = 0;
        for (int i = 0; i < k; i++) for (int row = r[2 * i]; row < r[2 * i + 1]; row++) rows[at++] = row;
        return RowSet.of(rows);
    }
}
