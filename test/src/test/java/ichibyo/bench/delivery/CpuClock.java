package ichibyo.bench.delivery;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a harness's wall time went on Linux: this JVM's CPU seconds, its waited-for children's (FFmpeg), and the
 * machine's idle share, from {@code /proc}. Tells more work (CPU up) from waiting (idle up) when two harnesses of the
 * same work take different times. Threads are the JVM's OS threads ({@code /proc/self/task}), so the JIT's compiler
 * threads and the collector's show beside the Java threads (whose OS names HotSpot sets, cut to 15 characters).
 */
record CpuClock(double jvm, double children, long busyTicks, long idleTicks, Map<Long, ThreadTime> threads, long gcMillis) {
    private static final double TICK = 0.01; // USER_HZ is 100 on Linux

    /** An OS thread's CPU seconds, under its name with the numbers taken out ("lambda-12" → "lambda-#"). */
    record ThreadTime(String group, double seconds) {}

    static CpuClock now() {
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        Map<Long, ThreadTime> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    double[] times = times(Files.readString(task.resolve("stat")));
                    threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTime(name, times[0]));
                } catch (IOException e) {
                    // the thread ended while we read it
                }
            }
            double[] self = times(Files.readString(Path.of("/proc/self/stat")));
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
            return new CpuClock(self[0], self[1], busy, idle, threads, gc);
        } catch (IOException | RuntimeException e) {
            return new CpuClock(0, 0, 0, 0, threads, gc);
        }
    }

    /** utime + stime, and cutime + cstime, in seconds, from a {@code stat} line. */
    private static double[] times(String stat) {
        // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK, (Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK};
    }

    /**
     * "JVM 12.3 s (threads alive at the end 11.0 s, GC pauses 0.1 s), FFmpeg 45.6 s, machine idle 7 %" since {@code start},
     * then the fourteen busiest thread groups, one a line. Threads that ended in between count only in the JVM's total.
     */
    String since(CpuClock start) {
        long busy = busyTicks - start.busyTicks;
        long idle = idleTicks - start.idleTicks;
        Map<String, Double> byGroup = new HashMap<>();
        threads.forEach((id, t) -> {
            ThreadTime before = start.threads.get(id);
            double seconds = t.seconds - (before == null || !before.group.equals(t.group) ? 0 : before.seconds);
            if (seconds > 0) {
                byGroup.merge(t.group, seconds, Double::sum);
            }
        });
        StringBuilder top = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(14)
                .forEach(e -> top.append(String.format("%n    %-24s %6.2f s", e.getKey(), e.getValue())));
        double inThreads = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format("CPU: JVM %.1f s (threads alive at the end %.1f s, GC pauses %.1f s), FFmpeg %.1f s, machine idle %.0f %%%s",
                jvm - start.jvm, inThreads, (gcMillis - start.gcMillis) / 1000.0, children - start.children,
                busy + idle == 0 ? 0.0 : 100.0 * idle / (busy + idle), top);
    }
}
