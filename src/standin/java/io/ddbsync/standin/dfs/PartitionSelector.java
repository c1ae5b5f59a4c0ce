package io.ddbsync.standin.dfs;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.Interpreter;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.Scalars;
import io.ddbsync.standin.value.Vectors;

import java.util.*;

/**
 * Turns the partition argument of backup and dropPartition into partition paths: either paths
 * ("/20170807/0_50", every level given) or filter values (a value or vector of the partitioning
 * column; for COMPO a tuple with one filter per level, an empty element meaning every partition
 * of that level; for RANGE any value inside the range).
 */
public final class PartitionSelector {
    private PartitionSelector() {
    }

    public static boolean isPathForm(Entity spec) {
        if (!(spec.getDataType() == Entity.DATA_TYPE.DT_STRING || spec.getDataType() == Entity.DATA_TYPE.DT_SYMBOL)) return false;
        if (spec.isScalar()) return Scalars.text(spec).startsWith("/");
        if (spec instanceof Vector v && v.rows() > 0) return v.getString(0).startsWith("/");
        return false;
    }

    /** Paths as given, normalized to "/a/b". */
    public static List<String> paths(Entity spec) {
        List<String> out = new ArrayList<>();
        if (spec.isScalar()) out.add(Scalars.text(spec));
        else out.addAll(Arrays.asList(Vectors.strings((Vector) spec)));
        List<String> norm = new ArrayList<>();
        for (String p : out) {
            String s = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
            norm.add(s.startsWith("/") ? s : "/" + s);
        }
        return norm;
    }

    /** The paths of every partition of the scheme a filter selects (whether or not it holds rows). */
    public static List<String> byFilter(Database db, Entity spec) {
        List<PartitionScheme> levels = db.levels();
        List<List<String>> dirsPerLevel = new ArrayList<>();
        if (levels.size() == 1) {
            dirsPerLevel.add(dirs(levels.get(0), spec));
        } else {
            if (!(spec instanceof BasicAnyVector tuple) || tuple.rows() > levels.size()) {
                throw new ScriptException("For a COMPO database, the partition filter must be a tuple with one element per level");
            }
            for (int l = 0; l < levels.size(); l++) {
                Entity f = l < tuple.rows() ? tuple.getEntity(l) : null;
                boolean all = f == null || f instanceof com.xxdb.data.Void || (f.isVector() && f.rows() == 0);
                if (all) {
                    List<String> every = new ArrayList<>();
                    for (int i = 0; i < levels.get(l).size(); i++) every.add(levels.get(l).dirName(i));
                    dirsPerLevel.add(every);
                } else {
                    dirsPerLevel.add(dirs(levels.get(l), f));
                }
            }
        }
        List<String> out = new ArrayList<>(List.of(""));
        for (List<String> dirs : dirsPerLevel) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) for (String d : dirs) next.add(prefix + "/" + d);
            out = next;
        }
        return out;
    }

    private static List<String> dirs(PartitionScheme scheme, Entity filter) {
        List<String> out = new ArrayList<>();
        for (int i : scheme.indicesForFilter(filter)) out.add(scheme.dirName(i));
        return out;
    }

    /** Element i of a tuple or vector. */
    static Entity element(Entity e, int i) {
        return Interpreter.element(e, i);
    }
}
