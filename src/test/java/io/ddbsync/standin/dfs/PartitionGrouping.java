package io.ddbsync.standin.dfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows grouped by their partition, given each row's partition index at every level (-1 outside
 * the scheme). Groups are numbered in order of their first row. Consecutive rows usually share a
 * partition (data arrives in time order), so a row is compared with the previous one before any
 * map lookup.
 */
final class PartitionGrouping {
    private final List<int[]> indexes = new ArrayList<>();
    private final int[][] rows;

    private PartitionGrouping(int[][] levelIndexes, int n) {
        int levels = levelIndexes.length;
        int[] groupOf = new int[n];
        Map<List<Integer>, Integer> ids = new HashMap<>();
        int[] previous = null;
        int previousGroup = -1;
        int[] sizes = new int[4];
        for (int i = 0; i < n; i++) {
            boolean outside = false;
            boolean same = previous != null;
            for (int l = 0; l < levels; l++) {
                int at = levelIndexes[l][i];
                if (at < 0) outside = true;
                if (same && previous[l] != at) same = false;
            }
            if (outside) {
                groupOf[i] = -1;
                continue;
            }
            if (!same) {
                int[] key = new int[levels];
                for (int l = 0; l < levels; l++) key[l] = levelIndexes[l][i];
                List<Integer> boxed = Arrays.stream(key).boxed().toList();
                Integer id = ids.get(boxed);
                if (id == null) {
                    id = indexes.size();
                    ids.put(boxed, id);
                    indexes.add(key);
                    if (id == sizes.length) sizes = Arrays.copyOf(sizes, sizes.length * 2);
                }
                previous = key;
                previousGroup = id;
            }
            groupOf[i] = previousGroup;
            sizes[previousGroup]++;
        }
        rows = new int[indexes.size()][];
        for (int g = 0; g < rows.length; g++) rows[g] = new int[sizes[g]];
        int[] fill = new int[rows.length];
        for (int i = 0; i < n; i++) {
            int g = groupOf[i];
            if (g >= 0) rows[g][fill[g]++] = i;
        }
    }

    static PartitionGrouping of(int[][] levelIndexes, int n) {
        return levelIndexes.length == 1 ? new PartitionGrouping(levelIndexes[0], n) : new PartitionGrouping(levelIndexes, n);
    }

    /** One level: partition indexes are small and dense, so an array maps each to its group. */
    private PartitionGrouping(int[] at, int n) {
        int max = -1;
        for (int i = 0; i < n; i++) max = Math.max(max, at[i]);
        int[] groupOfIndex = new int[max + 1];
        Arrays.fill(groupOfIndex, -1);
        int[] sizes = new int[4];
        for (int i = 0; i < n; i++) {
            int a = at[i];
            if (a < 0) continue;
            int g = groupOfIndex[a];
            if (g < 0) {
                g = groupOfIndex[a] = indexes.size();
                indexes.add(new int[]{a});
                if (g == sizes.length) sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[g]++;
        }
        rows = new int[indexes.size()][];
        for (int g = 0; g < rows.length; g++) rows[g] = new int[sizes[g]];
        int[] fill = new int[rows.length];
        for (int i = 0; i < n; i++) {
            int a = at[i];
            if (a >= 0) {
                int g = groupOfIndex[a];
                rows[g][fill[g]++] = i;
            }
        }
    }

    int count() {
        return rows.length;
    }

    /** The partition index at each level of group g. */
    int[] indexes(int g) {
        return indexes.get(g);
    }

    /** The rows of group g, ascending. */
    int[] rows(int g) {
        return rows[g];
    }

    /** Rows of two groups that turned out to name the same partition, ascending. */
    static int[] union(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return all;
    }
}
