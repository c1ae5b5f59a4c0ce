package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One table's partitions that hold rows, as getTabletsMeta lists them, kept compactly: per
 * partition its path, its row count and its version text, in path order; replicas on several data
 * nodes listed once. A {@link Partition} (its filter, columns and typed keys) is made only when
 * asked for, so that a stats call over thousands of partitions holds their listing at about half
 * the size of a List of Partition, and makes the filters and keys of the partitions it is scanning
 * only (issue 18).
 * <p>
 * The version is the chunk id and version, which change with every write to the partition, with
 * its row count and the commit ids of its data in case a chunk id were ever reused with its
 * version counted again ({@link TableMetadata#LISTING} selects those columns); null when replicas
 * disagree, as while one recovers.
 */
final class PartitionListing {
    private final String[] paths;
    private final long[] rows;
    private final String[] versions;

    private PartitionListing(String[] paths, long[] rows, String[] versions) {
        this.paths = paths;
        this.rows = rows;
        this.versions = versions;
    }

    /** A listing's partitions: getTabletsMeta's rows (dfsPath, rowNum, chunkId, version, createCids) from every data node. */
    static PartitionListing parse(BasicTable meta, TableSchema schema) {
        Vector dfsPaths = meta.getColumn("dfsPath");
        Vector rowNums = meta.getColumn("rowNum");
        Vector chunkIds = meta.getColumn("chunkId");
        Vector chunkVersions = meta.getColumn("version");
        Vector createCids = meta.getColumn("createCids");
        int levels = schema.levels().size();
        int n = meta.rows();
        String[] rowPath = new String[n];
        long[] rowRows = new long[n];
        String[] rowVersion = new String[n];
        for (int i = 0; i < n; i++) {
            // dfsPath is /<db>/<level 1>/.../<level n>[/<table's physical index>]
            String[] parts = dfsPaths.getString(i).split("/");
            if (parts.length < levels + 2) continue;
            rowPath[i] = "/" + String.join("/", Arrays.copyOfRange(parts, 2, 2 + levels));
            rowRows[i] = TableMetadata.number(rowNums.get(i));
            rowVersion[i] = chunkIds.getString(i) + "@" + chunkVersions.getString(i) + "/" + rowRows[i] + "/" + createCids.getString(i).replace(" ", "");
        }
        int[] order = IntStream.range(0, n).filter(i -> rowPath[i] != null).boxed().sorted((a, b) -> rowPath[a].compareTo(rowPath[b]))
                .mapToInt(Integer::intValue).toArray();
        // each partition once: the most rows any replica reports, the version when every replica reports the same
        int distinct = 0;
        for (int k = 0; k < order.length; k++) if (k == 0 || !rowPath[order[k]].equals(rowPath[order[k - 1]])) distinct++;
        String[] paths = new String[distinct];
        long[] rows = new long[distinct];
        String[] versions = new String[distinct];
        int p = -1;
        boolean disagree = false;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (p < 0 || !rowPath[i].equals(paths[p])) {
                p++;
                paths[p] = rowPath[i];
                rows[p] = rowRows[i];
                versions[p] = rowVersion[i];
                disagree = rowVersion[i] == null;
            } else {
                rows[p] = Math.max(rows[p], rowRows[i]);
                disagree |= rowVersion[i] == null || !rowVersion[i].equals(versions[p]);
            }
            if (disagree) versions[p] = null;
        }
        return new PartitionListing(paths, rows, versions);
    }

    int size() {
        return paths.length;
    }

    String path(int i) {
        return paths[i];
    }

    long rows(int i) {
        return rows[i];
    }

    /** Null when unknown, or when replicas disagree. */
    String version(int i) {
        return versions[i];
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        return Math.max(-1, Arrays.binarySearch(paths, path));
    }

    /** The partitions {@code keep} accepts (by index), in the same order. */
    PartitionListing select(IntPredicate keep) {
        int[] kept = IntStream.range(0, paths.length).filter(keep).toArray();
        String[] p = new String[kept.length];
        long[] r = new long[kept.length];
        String[] v = new String[kept.length];
        for (int k = 0; k < kept.length; k++) {
            p[k] = paths[kept[k]];
            r[k] = rows[kept[k]];
            v[k] = versions[kept[k]];
        }
        return new PartitionListing(p, r, v);
    }

    /** The i-th partition with its filter and keys. */
    Partition partition(int i, PartitionFilters.Resolver resolver) {
        return resolver.of(paths[i], rows[i]).withVersion(versions[i]);
    }

    /** Every partition with its filter and keys. */
    List<Partition> partitions(TableSchema schema) {
        PartitionFilters.Resolver resolver = new PartitionFilters.Resolver(schema);
        List<Partition> out = new ArrayList<>(paths.length);
        for (int i = 0; i < paths.length; i++) out.add(partition(i, resolver));
        return out;
    }
}
