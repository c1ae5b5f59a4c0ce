package io.ddbsync.app.bench;

import io.ddbsync.standin.bench.ProcStat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time (user and system, every thread) the benchmark's processes use over a run and over
 * each of its stages: this JVM (the runner) and the stand-ins' processes, sampled every few
 * milliseconds by a thread of its own. CPU time is what a loaded machine has to share out, so it
 * compares two builds better than elapsed time, which the other processes' load stretches. On
 * Linux it also tells the system time (the kernel's, for the processes' file operations) from
 * {@code /proc/<pid>/stat}; elsewhere only the total, from {@link ProcessHandle.Info}.
 */
final class CpuMeter implements AutoCloseable {
    private static final long PERIOD_MILLIS = 10;

    /** Clock ticks a second of /proc/<pid>/stat's times: USER_HZ, 100 on every Linux architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /** One sample: nanoTime, then each process's CPU nanoseconds (the runner first), then each one's system nanoseconds (-1: unknown). */
    private final List<long[]> samples = new ArrayList<>();
    private final List<String> names;
    private final List<ProcessHandle> others;
    private final Thread sampler;
    private volatile boolean running = true;

    private CpuMeter(List<String> names, List<ProcessHandle> others) {
        this.names = names;
        this.others = others;
        sample();
        this.sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "cpu-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling this JVM, named "runner", and {@code others}, named by {@code otherNames}. */
    static CpuMeter start(List<String> otherNames, List<ProcessHandle> others) {
        List<String> names = new ArrayList<>(List.of("runner"));
        names.addAll(otherNames);
        return new CpuMeter(names, others);
    }

    private void sample() {
        int n = names.size();
        long[] s = new long[1 + 2 * n];
        s[0] = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ProcessHandle p = i == 0 ? ProcessHandle.current() : others.get(i - 1);
            long[] userSystem = procStat(p.pid());
            if (userSystem != null) {
                s[1 + i] = (userSystem[0] + userSystem[1]) * (1_000_000_000L / TICKS_PER_SECOND);
                s[1 + n + i] = userSystem[1] * (1_000_000_000L / TICKS_PER_SECOND);
            } else {
                s[1 + i] = i == 0 ? ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                        : p.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
                s[1 + n + i] = -1;
            }
        }
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** Each process's CPU seconds between two nanoTimes, from the last samples at or before each (one period's accuracy). */
    String between(long fromNanos, long toNanos) {
        sample();
        long[] a = at(fromNanos);
        long[] b = at(toNanos);
        int n = names.size();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(names.get(i)).append(String.format(Locale.ROOT, " %.2f", (b[1 + i] - a[1 + i]) / 1e9));
            if (a[1 + n + i] >= 0 && b[1 + n + i] >= 0) out.append(String.format(Locale.ROOT, " (sys %.2f)", (b[1 + n + i] - a[1 + n + i]) / 1e9));
        }
        return out.toString();
    }

    /** The user and system clock ticks of a process, or null where there are none. */
    private static long[] procStat(long pid) {
        return ProcStat.ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private long[] at(long nanos) {
        synchronized (samples) {
            long[] best = samples.get(0);
            for (long[] s : samples) {
                if (s[0] - nanos <= 0) best = s;
            }
            return best;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
