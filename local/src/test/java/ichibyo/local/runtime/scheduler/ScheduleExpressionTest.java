package ichibyo.local.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZonedDateTime SAT_NOV_22 = ZonedDateTime.of(2026, 11, 22, 10, 30, 0, 0, TOKYO).minusDays(1);

    private static ZonedDateTime next(String expression, ZonedDateTime after) {
        return ScheduleExpression.parse(expression, after.getZone(), after).nextAfter(after).orElseThrow();
    }

    private static ZonedDateTime tokyo(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.of(y, mo, d, h, mi, 0, 0, TOKYO);
    }

    @Test
    void cron_dailyAtTime_firesNextDayWhenPassed() {
        assertThat(next("cron(0 9 * * ? *)", tokyo(2026, 11, 21, 10, 30))).isEqualTo(tokyo(2026, 11, 22, 9, 0));
        assertThat(next("cron(0 9 * * ? *)", tokyo(2026, 11, 21, 8, 30))).isEqualTo(tokyo(2026, 11, 21, 9, 0));
    }

    @Test
    void cron_isReadInTheScheduleTimeZone() {
        ZonedDateTime utcAfter = ZonedDateTime.of(2026, 11, 21, 0, 0, 0, 0, ZoneId.of("UTC"));
        ZonedDateTime fire = ScheduleExpression.parse("cron(0 9 * * ? *)", TOKYO, utcAfter).nextAfter(utcAfter).orElseThrow();
        assertThat(fire.withZoneSameInstant(ZoneId.of("UTC")).getHour()).isEqualTo(0);
        assertThat(fire.toInstant()).isEqualTo(tokyo(2026, 11, 22, 9, 0).toInstant());
    }

    @Test
    void cron_stepsRangesAndNames() {
        assertThat(next("cron(0/15 8-10 ? * MON-FRI *)", tokyo(2026, 11, 20, 10, 50))) // Friday
                .isEqualTo(tokyo(2026, 11, 23, 8, 0)); // Monday
        assertThat(next("cron(5,35 * * * ? *)", tokyo(2026, 11, 21, 10, 5))).isEqualTo(tokyo(2026, 11, 21, 10, 35));
    }

    @Test
    void cron_lastDayOfMonth_andLastWeekday() {
        assertThat(next("cron(0 0 L * ? *)", tokyo(2026, 2, 3, 0, 0))).isEqualTo(tokyo(2026, 2, 28, 0, 0));
        assertThat(next("cron(0 0 LW * ? *)", tokyo(2026, 5, 1, 0, 0))).isEqualTo(tokyo(2026, 5, 29, 0, 0)); // May 31 is a Sunday
    }

    @Test
    void cron_nearestWeekday_staysInTheMonth() {
        assertThat(next("cron(0 0 15W * ? *)", tokyo(2026, 11, 1, 0, 0))).isEqualTo(tokyo(2026, 11, 16, 0, 0)); // 15th is Sunday
        assertThat(next("cron(0 0 1W * ? *)", tokyo(2026, 7, 20, 0, 0))).isEqualTo(tokyo(2026, 8, 3, 0, 0)); // Aug 1 is Saturday
    }

    @Test
    void cron_nthAndLastDayOfWeek() {
        assertThat(next("cron(0 10 ? * 3#2 *)", tokyo(2026, 11, 1, 0, 0))).isEqualTo(tokyo(2026, 11, 10, 10, 0)); // 2nd Tuesday
        assertThat(next("cron(0 10 ? * 6L *)", tokyo(2026, 11, 1, 0, 0))).isEqualTo(tokyo(2026, 11, 27, 10, 0)); // last Friday
    }

    @Test
    void cron_yearlyDeliveryOnJanuarySecond() {
        assertThat(next("cron(0 6 2 JAN ? *)", tokyo(2026, 11, 21, 0, 0))).isEqualTo(tokyo(2027, 1, 2, 6, 0));
    }

    @Test
    void cron_yearField_limitsAndEnds() {
        assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2025)", TOKYO, SAT_NOV_22).nextAfter(SAT_NOV_22)).isEmpty();
    }

    @Test
    void cron_rejectsBothOrNeitherQuestionMark() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * * * *)", TOKYO, SAT_NOV_22))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * *)", TOKYO, SAT_NOV_22))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rate_countsFromItsStart() {
        ZonedDateTime start = tokyo(2026, 11, 21, 10, 0);
        ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)", TOKYO, start);
        assertThat(rate.nextAfter(start.plusMinutes(7)).orElseThrow()).isEqualTo(start.plusMinutes(10));
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 minute)", TOKYO, start)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void at_firesOnceInItsZone() {
        ScheduleExpression at = ScheduleExpression.parse("at(2026-12-01T09:00:00)", TOKYO, SAT_NOV_22);
        assertThat(at.nextAfter(SAT_NOV_22)).contains(tokyo(2026, 12, 1, 9, 0));
        assertThat(at.nextAfter(tokyo(2026, 12, 1, 9, 0))).isEmpty();
    }
}
