package ichibyo.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The live progress line of the delivery runs: families delivered of all the runs' targets, failures,
 * each run's own count, the time since the schedules fired and an estimate of the time left.
 */
final class RunProgress {
    private static final int BAR = 24;

    /**
     * One run as the demo sees it while it runs.
     *
     * @param targets   the families in its target list, or -1 before the list is written
     * @param delivered MovieDelivered events of its edition and period
     * @param failed    failure records under its prefix
     * @param mapRun    its family Map Run's children done/total ("" before it starts)
     */
    record Run(String name, String status, int targets, int delivered, int failed, String mapRun) {
        int done() {
            return delivered + failed;
        }
    }

    private RunProgress() {}

    /** The line: a bar when {@code bar}, else plain words. */
    static String line(List<Run> runs, Duration elapsed, boolean bar) {
        boolean known = runs.stream().allMatch(r -> r.targets() >= 0);
        int total = runs.stream().mapToInt(r -> Math.max(0, r.targets())).sum();
        int delivered = runs.stream().mapToInt(Run::delivered).sum();
        int failed = runs.stream().mapToInt(Run::failed).sum();
        int done = delivered + failed;
        StringBuilder s = new StringBuilder();
        if (bar) {
            int filled = total == 0 ? 0 : Math.min(BAR, BAR * done / total);
            s.append('[').append("█".repeat(filled)).append("░".repeat(BAR - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "delivered %d/%s, failed %d", delivered, known ? Integer.toString(total) : "?", failed));
        for (Run r : runs) {
            s.append(String.format(Locale.ROOT, " · %s %s %d/%s", r.name(), r.status().toLowerCase(Locale.ROOT), r.done(),
                    r.targets() < 0 ? "?" : Integer.toString(r.targets())));
            if (!r.mapRun().isEmpty()) {
                s.append(" (map run ").append(r.mapRun()).append(')');
            }
        }
        s.append(String.format(Locale.ROOT, " · %.0f s · ETA %s", elapsed.toMillis() / 1000.0, eta(known, total, done, elapsed)));
        return s.toString();
    }

    /** Time left at the rate so far; "–" until the first family is done or while the total is unknown. */
    static String eta(boolean known, int total, int done, Duration elapsed) {
        if (!known || done == 0) {
            return "–";
        }
        if (done >= total) {
            return "0 s";
        }
        return String.format(Locale.ROOT, "%.0f s", elapsed.toMillis() / 1000.0 * (total - done) / done);
    }
}
