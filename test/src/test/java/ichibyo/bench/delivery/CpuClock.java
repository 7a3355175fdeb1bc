package ichibyo.bench.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a harness's wall time went on Linux: this JVM's CPU seconds, its waited-for children's (FFmpeg), and the
 * machine's idle share, from {@code /proc}. Tells more work (CPU up) from waiting (idle up) when two harnesses of the
 * same work take different times.
 */
record CpuClock(double jvm, double children, long busyTicks, long idleTicks, Map<Long, ThreadTime> threads, long gcMillis) {
    private static final double TICK = 0.01; // USER_HZ is 100 on Linux

    /** A live thread's CPU nanoseconds, under its name with the numbers taken out ("lambda-12" → "lambda-#"). */
    record ThreadTime(String group, long nanos) {}

    static CpuClock now() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, ThreadTime> threads = new HashMap<>();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) {
                threads.put(t.getThreadId(), new ThreadTime(t.getThreadName().replaceAll("[0-9]+", "#"), mx.getThreadCpuTime(t.getThreadId())));
            }
        }
        long gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double jvm = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
            double children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK;
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            long idle = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                if (i == 4 || i == 5) { // idle, iowait
                    idle += v;
                } else {
                    busy += v;
                }
            }
            return new CpuClock(jvm, children, busy, idle, threads, gc);
        } catch (IOException | RuntimeException e) {
            return new CpuClock(0, 0, 0, 0, threads, gc);
        }
    }

    /**
     * "JVM 12.3 s (live threads 11.0 s, GC pauses 0.1 s), FFmpeg 45.6 s, machine idle 7 %" since {@code start}, then the
     * twelve busiest thread groups, one a line (threads that ended in between are not counted).
     */
    String since(CpuClock start) {
        long busy = busyTicks - start.busyTicks;
        long idle = idleTicks - start.idleTicks;
        Map<String, Long> byGroup = new HashMap<>();
        threads.forEach((id, t) -> {
            ThreadTime before = start.threads.get(id);
            long nanos = t.nanos - (before == null ? 0 : before.nanos);
            if (nanos > 0) {
                byGroup.merge(t.group, nanos, Long::sum);
            }
        });
        StringBuilder top = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> top.append(String.format("%n    %-40s %6.2f s", e.getKey(), e.getValue() / 1e9)));
        double inThreads = byGroup.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        return String.format("CPU: JVM %.1f s (live threads %.1f s, GC pauses %.1f s), FFmpeg %.1f s, machine idle %.0f %%%s",
                jvm - start.jvm, inThreads, (gcMillis - start.gcMillis) / 1000.0, children - start.children,
                busy + idle == 0 ? 0.0 : 100.0 * idle / (busy + idle), top);
    }
}
