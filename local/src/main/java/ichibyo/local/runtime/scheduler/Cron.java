package ichibyo.local.runtime.scheduler;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An AWS cron expression: six fields, {@code minutes hours day-of-month month day-of-week year}, with
 * {@code , - * /}, {@code ?} (day-of-month or day-of-week, exactly one of them), {@code L} (last day
 * of the month; {@code 5L}, the last Thursday), {@code W} (nearest weekday: {@code 15W}, {@code LW})
 * and {@code #} ({@code 3#2}, the second Tuesday). Day of week 1-7 is SUN-SAT; names are accepted.
 * Fire times are wall-clock times in {@code zone} (a skipped time in a DST gap fires at the gap's end).
 */
public record Cron(BitSet minutes, BitSet hours, DayOfMonth dayOfMonth, BitSet months, DayOfWeekRule dayOfWeek,
        BitSet years, ZoneId zone) implements ScheduleExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** Day-of-month: a set of days, {@code L}, {@code nW}, {@code LW}, or {@code ?}. */
    public record DayOfMonth(BitSet days, boolean last, int nearestWeekdayTo, boolean lastWeekday, boolean any) {
        boolean matches(LocalDate d) {
            if (any) {
                return true;
            }
            int len = d.lengthOfMonth();
            if (last) {
                return d.getDayOfMonth() == len;
            }
            if (lastWeekday) {
                return d.equals(weekdayNear(d.withDayOfMonth(len)));
            }
            if (nearestWeekdayTo > 0) {
                return nearestWeekdayTo <= len && d.equals(weekdayNear(d.withDayOfMonth(nearestWeekdayTo)));
            }
            return days.get(d.getDayOfMonth());
        }

        /** The weekday nearest to {@code d} within its month (Quartz's and AWS's W). */
        private static LocalDate weekdayNear(LocalDate d) {
            return switch (d.getDayOfWeek()) {
                case SATURDAY -> d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
                case SUNDAY -> d.getDayOfMonth() == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
                default -> d;
            };
        }
    }

    /** Day-of-week: a set of days (1=SUN), {@code nL} (last such day of the month), {@code n#k}, or {@code ?}. */
    public record DayOfWeekRule(BitSet days, int lastOf, int nth, int nthDay, boolean any) {
        boolean matches(LocalDate d) {
            if (any) {
                return true;
            }
            int awsDay = d.getDayOfWeek().getValue() % 7 + 1; // MON=1..SUN=7 -> SUN=1..SAT=7
            if (lastOf > 0) {
                return awsDay == lastOf && d.plusWeeks(1).getMonth() != d.getMonth();
            }
            if (nth > 0) {
                return awsDay == nthDay && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            return days.get(awsDay);
        }
    }

    static Cron parse(String body, ZoneId zone) {
        String[] f = body.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year): cron(" + body + ")");
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be '?': cron(" + body + ")");
        }
        return new Cron(set(f[0], 0, 59, List.of()), set(f[1], 0, 23, List.of()), dayOfMonth(f[2]),
                set(f[3], 1, 12, MONTHS), dayOfWeek(f[4]), set(f[5], 1970, 2199, List.of()), zone);
    }

    private static DayOfMonth dayOfMonth(String f) {
        if (f.equals("?")) {
            return new DayOfMonth(null, false, 0, false, true);
        }
        if (f.equals("L")) {
            return new DayOfMonth(null, true, 0, false, false);
        }
        if (f.equals("LW")) {
            return new DayOfMonth(null, false, 0, true, false);
        }
        if (f.endsWith("W")) {
            int day = number(f.substring(0, f.length() - 1), 1, 31, List.of());
            return new DayOfMonth(null, false, day, false, false);
        }
        return new DayOfMonth(set(f, 1, 31, List.of()), false, 0, false, false);
    }

    private static DayOfWeekRule dayOfWeek(String f) {
        if (f.equals("?")) {
            return new DayOfWeekRule(null, 0, 0, 0, true);
        }
        if (f.equals("L")) {
            BitSet sat = new BitSet();
            sat.set(7);
            return new DayOfWeekRule(sat, 0, 0, 0, false);
        }
        if (f.endsWith("L")) {
            return new DayOfWeekRule(null, number(f.substring(0, f.length() - 1), 1, 7, DAYS), 0, 0, false);
        }
        int hash = f.indexOf('#');
        if (hash > 0) {
            int day = number(f.substring(0, hash), 1, 7, DAYS);
            int nth = number(f.substring(hash + 1), 1, 5, List.of());
            return new DayOfWeekRule(null, 0, nth, day, false);
        }
        return new DayOfWeekRule(set(f, 1, 7, DAYS), 0, 0, 0, false);
    }

    private static BitSet set(String field, int min, int max, List<String> names) {
        BitSet set = new BitSet();
        for (String part : field.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, List.of());
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names);
                to = number(ends[1], min, max, names);
            } else {
                from = number(range, min, max, names);
                to = slash >= 0 ? max : from; // "5/15" means from 5 every 15
            }
            if (from > to) {
                throw new IllegalArgumentException("cron: range " + range + " goes backwards");
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String s, int min, int max, List<String> names) {
        int named = names.indexOf(s);
        int v;
        if (named >= 0) {
            v = named + 1;
        } else {
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cron: not a value: " + s);
            }
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("cron: " + s + " is outside " + min + "-" + max);
        }
        return v;
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        ZonedDateTime local = after.withZoneSameInstant(zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = local.toLocalDate();
        LocalTime notBefore = local.toLocalTime().plusMinutes(1);
        if (notBefore.equals(LocalTime.MIDNIGHT)) { // 23:59 + 1 min wraps to the next day
            day = day.plusDays(1);
        }
        LocalDate firstDay = day;
        for (; day.getYear() <= 2199; day = day.plusDays(1)) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear(), 12, 31); // skip the rest of the year
                continue;
            }
            if (!months.get(day.getMonthValue())) {
                day = day.with(TemporalAdjusters.lastDayOfMonth());
                continue;
            }
            if (!dayOfMonth.matches(day) || !dayOfWeek.matches(day)) {
                continue;
            }
            Optional<LocalTime> time = firstTime(day.equals(firstDay) ? notBefore : LocalTime.MIDNIGHT);
            if (time.isPresent()) {
                ZonedDateTime fire = day.atTime(time.get()).atZone(zone);
                if (fire.isAfter(after)) {
                    return Optional.of(fire);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<LocalTime> firstTime(LocalTime notBefore) {
        for (int h = hours.nextSetBit(notBefore.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
            int m = minutes.nextSetBit(h == notBefore.getHour() ? notBefore.getMinute() : 0);
            if (m >= 0) {
                return Optional.of(LocalTime.of(h, m));
            }
        }
        return Optional.empty();
    }

}
