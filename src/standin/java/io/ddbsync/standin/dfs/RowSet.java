package io.ddbsync.standin.dfs;

import java.util.Arrays;

/**
 * The rows of a write that go to one partition, ascending: a range when they are consecutive
 * (data arrives in time order, so a partition's rows usually are), else a list. A range lets a
 * table still in its received bytes give the rows as a range of those bytes, with nothing decoded.
 */
record RowSet(int from, int to, int[] list) {

    static RowSet range(int from, int to) {
        return new RowSet(from, to, null);
    }

    static RowSet of(int[] rows) {
        return new RowSet(-1, -1, rows);
    }

    boolean isRange() {
        return list == null;
    }

    int size() {
        return list == null ? to - from : list.length;
    }

    int[] rows() {
        if (list != null) return list;
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) rows[i] = from + i;
        return rows;
    }

    /** Rows of two sets that turned out to name the same partition. */
    static RowSet union(RowSet a, RowSet b) {
        if (a.isRange() && b.isRange() && a.to == b.from) return range(a.from, b.to);
        int[] all = Arrays.copyOf(a.rows(), a.size() + b.size());
        System.arraycopy(b.rows(), 0, all, a.size(), b.size());
        Arrays.sort(all);
        return of(all);
    }
}
