package ichibyo.core.delivery;

import ichibyo.core.cost.CostEstimate;
import ichibyo.core.cost.CostModel;
import ichibyo.core.cost.Usage;
import ichibyo.core.edition.Period;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one delivery run: how many families got their movie, who was skipped and why, who
 * failed and with what, how long movies took, and what the run is estimated to have cost.
 *
 * @param executionName   the run
 * @param edition         the edition id
 * @param period          the period
 * @param startedAt       when the run started
 * @param finishedAt      when it finished
 * @param delivered       families that got their movie
 * @param skipped         families skipped, by reason
 * @param failed          families that failed, with their errors
 * @param movieMillis     delivered movies' time from start to delivery: p50, p95 and max (null when none)
 * @param cost            the estimate from the run's measured usage
 */
public record RunSummary(String executionName, String edition, Period period, Instant startedAt, Instant finishedAt,
                         int delivered, Map<SkipReason, Integer> skipped, List<FamilyOutcome> failed,
                         Percentiles movieMillis, CostEstimate cost) {

    /** p50, p95 and the longest of some durations, in milliseconds. */
    public record Percentiles(long p50, long p95, long max) {
        static Percentiles of(List<Long> values) {
            if (values.isEmpty()) {
                return null;
            }
            List<Long> sorted = values.stream().sorted().toList();
            return new Percentiles(nearestRank(sorted, 0.50), nearestRank(sorted, 0.95), sorted.get(sorted.size() - 1));
        }

        private static long nearestRank(List<Long> sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    public static RunSummary of(String executionName, String edition, Period period, Instant startedAt, Instant finishedAt,
            Collection<FamilyOutcome> outcomes, Usage usage, CostModel costs) {
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        int delivered = 0;
        for (FamilyOutcome o : outcomes) {
            if (o.status() == FamilyOutcome.Status.DELIVERED) {
                delivered++;
            } else if (o.status() == FamilyOutcome.Status.SKIPPED) {
                skipped.merge(o.reason(), 1, Integer::sum);
            }
        }
        List<FamilyOutcome> failed = outcomes.stream().filter(o -> o.status() == FamilyOutcome.Status.FAILED).toList();
        List<Long> millis = outcomes.stream()
                .filter(o -> o.status() == FamilyOutcome.Status.DELIVERED && o.durationMillis() != null)
                .map(FamilyOutcome::durationMillis).toList();
        return new RunSummary(executionName, edition, period, startedAt, finishedAt, delivered, skipped, failed,
                Percentiles.of(millis), costs.estimate(usage));
    }

    /** How long the run took. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
