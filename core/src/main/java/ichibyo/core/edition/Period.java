package ichibyo.core.edition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One period of an edition: a quarter ({@code 2026-Q4}), a month ({@code 2026-11}) or a year
 * ({@code 2026}). A period is a range of calendar days; which instants it holds depends on the time
 * zone it is read in ({@link #range}), so a family in Tokyo and one in Los Angeles see a quarter end
 * 17 hours apart. Written in JSON as its name.
 *
 * @param unit  quarter, month or year
 * @param year  the year
 * @param index the quarter (1–4) or the month (1–12); 1 for a year
 */
public record Period(PeriodUnit unit, int year, int index) implements Comparable<Period> {
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Period {
        if (unit == null) {
            throw new InvalidPeriodException("a period needs a unit");
        }
        if (year < 1970 || year > 9999) {
            throw new InvalidPeriodException("year " + year + " is outside 1970–9999");
        }
        int max = switch (unit) {
            case QUARTER -> 4;
            case MONTH -> 12;
            case YEAR -> 1;
        };
        if (index < 1 || index > max) {
            throw new InvalidPeriodException(unit + " index " + index + " is outside 1–" + max);
        }
    }

    public static Period quarter(int year, int quarter) {
        return new Period(PeriodUnit.QUARTER, year, quarter);
    }

    public static Period month(int year, int month) {
        return new Period(PeriodUnit.MONTH, year, month);
    }

    public static Period year(int year) {
        return new Period(PeriodUnit.YEAR, year, 1);
    }

    /** The period of {@code unit} that holds {@code day}. */
    public static Period containing(PeriodUnit unit, LocalDate day) {
        return switch (unit) {
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case MONTH -> month(day.getYear(), day.getMonthValue());
            case YEAR -> year(day.getYear());
        };
    }

    /** The last period of {@code unit} that had ended by {@code instant} in {@code zone}. */
    public static Period endedBy(PeriodUnit unit, Instant instant, ZoneId zone) {
        return containing(unit, instant.atZone(zone).toLocalDate()).previous();
    }

    /**
     * Parses {@code 2026-Q4}, {@code 2026-11} or {@code 2026}.
     *
     * @throws InvalidPeriodException for anything else
     */
    @JsonCreator
    public static Period parse(String name) {
        if (name != null) {
            Matcher m = QUARTER.matcher(name);
            if (m.matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = MONTH.matcher(name);
            if (m.matches()) {
                return month(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = YEAR.matcher(name);
            if (m.matches()) {
                return year(Integer.parseInt(m.group(1)));
            }
        }
        throw new InvalidPeriodException("not a period name (2026-Q4, 2026-11 or 2026): " + name);
    }

    /** {@code 2026-Q4}, {@code 2026-11} or {@code 2026}: used in keys, execution names and titles. */
    @JsonValue
    public String name() {
        return switch (unit) {
            case QUARTER -> year + "-Q" + index;
            case MONTH -> String.format(java.util.Locale.ROOT, "%04d-%02d", year, index);
            case YEAR -> String.valueOf(year);
        };
    }

    @Override
    public String toString() {
        return name();
    }

    /** The first month of the period. */
    public YearMonth firstMonth() {
        return switch (unit) {
            case QUARTER -> YearMonth.of(year, 3 * index - 2);
            case MONTH -> YearMonth.of(year, index);
            case YEAR -> YearMonth.of(year, 1);
        };
    }

    /** The months the period covers, in order: the catalog's byMonth and counts keys ({@code yyyy-MM}). */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>(unit.months());
        for (int i = 0; i < unit.months(); i++) {
            months.add(firstMonth().plusMonths(i));
        }
        return months;
    }

    /** The first day. */
    public LocalDate start() {
        return firstMonth().atDay(1);
    }

    /** The day after the last day. */
    public LocalDate end() {
        return firstMonth().plusMonths(unit.months()).atDay(1);
    }

    /** The instants the period holds in {@code zone}: from its first midnight to the midnight after it. */
    public InstantRange range(ZoneId zone) {
        return new InstantRange(start().atStartOfDay(zone).toInstant(), end().atStartOfDay(zone).toInstant());
    }

    public Period previous() {
        return containing(unit, start().minusDays(1));
    }

    public Period next() {
        return containing(unit, end());
    }

    @Override
    public int compareTo(Period other) {
        return start().compareTo(other.start());
    }
}
