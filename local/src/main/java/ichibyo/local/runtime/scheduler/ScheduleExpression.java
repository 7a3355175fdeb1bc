package ichibyo.local.runtime.scheduler;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler expression: {@code cron(...)}, {@code rate(...)} or {@code at(...)}, read
 * in the schedule's time zone.
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.At, Cron {

    /** The first fire time strictly after {@code after}, or empty when the schedule never fires again. */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime after);

    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    Pattern AT = Pattern.compile("at\\(\\s*(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\s*\\)");
    Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    /**
     * @param start when a rate schedule starts counting (on AWS, its creation)
     * @throws IllegalArgumentException for an expression EventBridge Scheduler would reject
     */
    static ScheduleExpression parse(String expression, ZoneId zone, ZonedDateTime start) {
        String e = expression.trim();
        Matcher m = RATE.matcher(e);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            if (n <= 0) {
                throw new IllegalArgumentException("rate must be positive: " + expression);
            }
            boolean singular = !m.group(2).endsWith("s");
            if (singular != (n == 1)) {
                throw new IllegalArgumentException("use 'minute'/'hour'/'day' for 1 and the plural otherwise: " + expression);
            }
            ChronoUnit unit = switch (m.group(2).replaceAll("s$", "")) {
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return new Rate(Duration.of(n, unit), start.withZoneSameInstant(zone));
        }
        m = AT.matcher(e);
        if (m.matches()) {
            try {
                return new At(LocalDateTime.parse(m.group(1)).atZone(zone));
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("bad at() time: " + expression, ex);
            }
        }
        m = CRON.matcher(e);
        if (m.matches()) {
            return Cron.parse(m.group(1), zone);
        }
        throw new IllegalArgumentException("not a schedule expression (cron(...), rate(...) or at(...)): " + expression);
    }

    /** Every {@code period} from {@code start}. */
    record Rate(Duration period, ZonedDateTime start) implements ScheduleExpression {
        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
            if (after.isBefore(start)) {
                return Optional.of(start.plus(period));
            }
            long periods = Duration.between(start, after).toMillis() / period.toMillis() + 1;
            return Optional.of(start.plus(period.multipliedBy(periods)));
        }
    }

    /** Once. */
    record At(ZonedDateTime time) implements ScheduleExpression {
        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
            return time.isAfter(after) ? Optional.of(time) : Optional.empty();
        }
    }
}
