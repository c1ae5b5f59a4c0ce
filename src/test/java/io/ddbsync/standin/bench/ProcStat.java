package io.ddbsync.standin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time as Linux counts it, for benchmarks that tell user from system time. Public for io.ddbsync.app.bench. */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * utime and stime (fields 14 and 15) of a {@code /proc/<pid>/stat} file, in clock ticks of 10 ms,
     * or null where there is none (not Linux, or the process is gone).
     */
    public static long[] ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            // the command name, field 2, is in parentheses and may hold spaces: count the fields after its closing one
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
