package ichibyo.local.runtime.scheduler;

import ichibyo.app.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * EventBridge Scheduler on one machine: each schedule fires at its expression's times in its time
 * zone and starts an execution of its state machine with its fixed input. Flexible windows are
 * ignored (schedules fire on time). {@link #fireNow} fires a schedule at once, whatever its times.
 */
public final class LocalScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalScheduler.class.getName());

    /** One firing: which schedule, and the execution it started (or why it could not). */
    public record Firing(String schedule, ZonedDateTime at, String executionArn, String error) {}

    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final Map<String, ScheduleExpression> expressions = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new LinkedHashMap<>();
    private final List<Firing> firings = new ArrayList<>();
    private final ExecutionStarter starter;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler");
        t.setDaemon(true);
        return t;
    });

    public LocalScheduler(List<Schedule> schedules, ExecutionStarter starter, Clock clock) {
        this.starter = starter;
        this.clock = clock;
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (Schedule s : schedules) {
            ZoneId zone = ZoneId.of(s.timeZone() == null ? "UTC" : s.timeZone());
            this.schedules.put(s.name(), s);
            this.expressions.put(s.name(), ScheduleExpression.parse(s.expression(), zone, now));
        }
    }

    public synchronized LocalScheduler start() {
        expressions.keySet().forEach(name -> arm(name, ZonedDateTime.now(clock)));
        return this;
    }

    /** The next time {@code schedule} fires, if any. */
    public synchronized Optional<ZonedDateTime> next(String schedule) {
        return expression(schedule).nextAfter(ZonedDateTime.now(clock));
    }

    /** Fires {@code schedule} now, in the caller's thread; its regular times are unchanged. */
    public Firing fireNow(String schedule) {
        expression(schedule);
        return fire(schedule);
    }

    public synchronized List<Firing> firings() {
        return List.copyOf(firings);
    }

    private ScheduleExpression expression(String schedule) {
        ScheduleExpression e = expressions.get(schedule);
        if (e == null) {
            throw new NoSuchElementException("no schedule " + schedule + "; schedules: " + expressions.keySet());
        }
        return e;
    }

    private synchronized void arm(String name, ZonedDateTime after) {
        expressions.get(name).nextAfter(after).ifPresent(at -> {
            long delay = Math.max(0, Duration.between(ZonedDateTime.now(clock), at).toMillis());
            pending.put(name, timer.schedule(() -> {
                fire(name);
                arm(name, at);
            }, delay, TimeUnit.MILLISECONDS));
        });
    }

    private Firing fire(String name) {
        Schedule s = schedules.get(name);
        Firing firing;
        try {
            firing = new Firing(name, ZonedDateTime.now(clock), starter.start(s.stateMachine(), s.input()), null);
        } catch (RuntimeException e) {
            // Scheduler retries failed targets; here the failure is recorded and logged.
            LOG.log(Level.WARNING, "schedule " + name + " could not start " + s.stateMachine(), e);
            firing = new Firing(name, ZonedDateTime.now(clock), null, String.valueOf(e.getMessage()));
        }
        synchronized (this) {
            firings.add(firing);
        }
        return firing;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
