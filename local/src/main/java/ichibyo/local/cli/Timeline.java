package ichibyo.local.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * An execution's history as a readable timeline: each top-level state with its start, duration,
 * retries, error and cause; the states run inside a Map or Parallel summarised per state name.
 */
final class Timeline {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** One state as run at the top level. */
    static final class Step {
        final String name;
        final String type;
        final Instant start;
        Instant end;
        int attempts;
        String error;
        String cause;
        final Map<String, Inner> inner = new LinkedHashMap<>();
        int iterations;
        int iterationsFailed;
        String mapRunArn;

        Step(String name, String type, Instant start) {
            this.name = name;
            this.type = type;
            this.start = start;
        }
    }

    /** A state run inside a Map or Parallel, summarised over its runs. */
    static final class Inner {
        int runs;
        int failed;
        Duration total = Duration.ZERO;
        String lastError;
    }

    private Timeline() {}

    static List<Step> steps(List<HistoryEvent> events) {
        List<Step> steps = new ArrayList<>();
        Step current = null;
        int depth = 0; // inside Map iterations or Parallel branches
        Map<String, Instant> innerStarts = new LinkedHashMap<>();
        for (HistoryEvent e : events) {
            HistoryEventType t = e.type();
            String type = t == null ? e.typeAsString() : t.toString();
            if (type.endsWith("StateEntered") && e.stateEnteredEventDetails() != null) {
                String name = e.stateEnteredEventDetails().name();
                if (depth == 0) {
                    current = new Step(name, type.replace("StateEntered", ""), e.timestamp());
                    steps.add(current);
                } else if (current != null) {
                    innerStarts.put(name, e.timestamp());
                }
            } else if (type.endsWith("StateExited") && e.stateExitedEventDetails() != null) {
                String name = e.stateExitedEventDetails().name();
                if (depth == 0 && current != null) {
                    current.end = e.timestamp();
                } else if (current != null) {
                    Inner in = current.inner.computeIfAbsent(name, n -> new Inner());
                    in.runs++;
                    Instant s = innerStarts.remove(name);
                    if (s != null) {
                        in.total = in.total.plus(Duration.between(s, e.timestamp()));
                    }
                }
            } else if (type.equals("MapStateStarted") || type.equals("ParallelStateStarted")) {
                depth++;
            } else if (type.startsWith("MapState") || type.startsWith("ParallelState")) {
                if (!type.endsWith("Started")) {
                    depth = Math.max(0, depth - 1);
                }
            } else if (type.equals("MapIterationSucceeded") && current != null) {
                current.iterations++;
            } else if ((type.equals("MapIterationFailed") || type.equals("MapIterationAborted")) && current != null) {
                current.iterations++;
                current.iterationsFailed++;
            } else if (type.equals("MapRunStarted") && current != null && e.mapRunStartedEventDetails() != null) {
                current.mapRunArn = e.mapRunStartedEventDetails().mapRunArn();
            } else if (current != null && (type.equals("TaskScheduled") || type.equals("LambdaFunctionScheduled")
                    || type.equals("ActivityScheduled"))) {
                if (depth == 0) {
                    current.attempts++;
                }
            } else if (type.endsWith("Failed") || type.endsWith("TimedOut")) {
                String[] ec = errorAndCause(e);
                if (ec != null && current != null) {
                    if (depth == 0) {
                        current.error = ec[0];
                        current.cause = ec[1];
                    } else {
                        // the failing inner state is the one entered last and not exited
                        String name = innerStarts.isEmpty() ? "?" : List.copyOf(innerStarts.keySet()).getLast();
                        Inner in = current.inner.computeIfAbsent(name, n -> new Inner());
                        in.failed++;
                        in.lastError = ec[0];
                    }
                }
            }
        }
        return steps;
    }

    private static String[] errorAndCause(HistoryEvent e) {
        if (e.taskFailedEventDetails() != null) return new String[] {e.taskFailedEventDetails().error(), e.taskFailedEventDetails().cause()};
        if (e.taskTimedOutEventDetails() != null) return new String[] {e.taskTimedOutEventDetails().error(), e.taskTimedOutEventDetails().cause()};
        if (e.lambdaFunctionFailedEventDetails() != null) return new String[] {e.lambdaFunctionFailedEventDetails().error(), e.lambdaFunctionFailedEventDetails().cause()};
        if (e.lambdaFunctionTimedOutEventDetails() != null) return new String[] {e.lambdaFunctionTimedOutEventDetails().error(), e.lambdaFunctionTimedOutEventDetails().cause()};
        if (e.executionFailedEventDetails() != null) return new String[] {e.executionFailedEventDetails().error(), e.executionFailedEventDetails().cause()};
        if (e.executionTimedOutEventDetails() != null) return new String[] {e.executionTimedOutEventDetails().error(), e.executionTimedOutEventDetails().cause()};
        if (e.mapRunFailedEventDetails() != null) return new String[] {e.mapRunFailedEventDetails().error(), e.mapRunFailedEventDetails().cause()};
        return null;
    }

    /** The lines to print. */
    static List<String> render(List<HistoryEvent> events) {
        List<String> lines = new ArrayList<>();
        for (Step s : steps(events)) {
            StringBuilder line = new StringBuilder();
            line.append(TIME.format(s.start)).append("  ").append(String.format("%-28s", s.name)).append(' ')
                    .append(String.format("%-9s", s.type)).append(' ')
                    .append(s.end == null ? "   (running)" : String.format("%8.3f s", Duration.between(s.start, s.end).toMillis() / 1000.0));
            if (s.attempts > 1) {
                line.append("  retries: ").append(s.attempts - 1);
            }
            if (s.iterations > 0) {
                line.append("  items: ").append(s.iterations - s.iterationsFailed).append(" ok");
                if (s.iterationsFailed > 0) {
                    line.append(", ").append(s.iterationsFailed).append(" failed");
                }
            }
            if (s.mapRunArn != null) {
                line.append("  map run: ").append(s.mapRunArn);
            }
            if (s.error != null && s.end != null) {
                line.append(" after ").append(s.error); // retried, then succeeded (or caught)
            } else if (s.error != null) {
                line.append("  error: ").append(s.error);
                if (s.cause != null && !s.cause.isBlank()) {
                    line.append(" — ").append(s.cause.length() > 200 ? s.cause.substring(0, 200) + "…" : s.cause);
                }
            }
            lines.add(line.toString());
            s.inner.forEach((name, in) -> lines.add(String.format("                %-28s ×%d%s  avg %.3f s%s", name, in.runs,
                    in.failed > 0 ? " (" + in.failed + " failed)" : "",
                    in.runs == 0 ? 0.0 : in.total.toMillis() / 1000.0 / in.runs,
                    in.lastError == null ? "" : "  last error: " + in.lastError)));
        }
        for (HistoryEvent e : events) {
            String type = e.typeAsString();
            if (type.startsWith("Execution") && !type.equals("ExecutionStarted")) {
                String[] ec = errorAndCause(e);
                lines.add(TIME.format(e.timestamp()) + "  " + type + (ec == null ? "" : "  " + ec[0] + (ec[1] == null ? "" : " — " + ec[1])));
            }
        }
        return lines;
    }
}
