package ichibyo.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ichibyo.core.delivery.FamilyOutcome;
import ichibyo.core.delivery.RunSummary;
import ichibyo.core.delivery.SkipReason;
import ichibyo.core.edition.Period;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private final CostModel model = CostModel.defaults();

    @Test
    void defaults_areUsEast1PricesWithTheirDate() {
        Prices p = model.prices();
        assertThat(p.region()).isEqualTo("us-east-1");
        assertThat(p.asOf()).isNotBlank();
        assertThat(p.standardTransition() * 1000).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void thousandStandardTransitions_costTwoAndAHalfCents() {
        assertThat(model.estimate(Usage.standardTransitions(1000)).total()).isCloseTo(0.025, within(1e-9));
    }

    @Test
    void lambda_isBilledByGbSecondsAndRequests() {
        // 1 GB for 1 s: one GB-second and one request.
        CostEstimate e = model.estimate(Usage.lambda(1024, 1000));
        assertThat(e.total()).isCloseTo(0.0000133334 + 0.0000002, within(1e-12));
        assertThat(e.lines()).extracting(CostLine::item).containsExactly("Lambda duration", "Lambda requests");
    }

    @Test
    void fargate_hasAMinuteMinimum_andSpotIsCheaper() {
        Usage tenSeconds = Usage.fargate(1, 2, 10, false);
        assertThat(tenSeconds.fargateVcpuSeconds()).isEqualTo(60);
        double onDemand = model.estimate(Usage.fargate(2, 4, 600, false)).total();
        double spot = model.estimate(Usage.fargate(2, 4, 600, true)).total();
        assertThat(onDemand).isCloseTo(2 * 0.03238 / 6 + 4 * 0.00356 / 6, within(1e-9));
        assertThat(spot).isLessThan(onDemand / 2);
    }

    @Test
    void express_roundsTo100MsAnd64MbChunks() {
        Usage u = Usage.express(250, 100); // 0.3 s at 128 MB
        assertThat(u.expressGbSeconds()).isCloseTo(0.3 * 0.125, within(1e-12));
        assertThat(model.estimate(u).total()).isCloseTo(0.000001 + 0.0375 * 0.00001667, within(1e-12));
    }

    @Test
    void aFamilysMovie_timesAThousandFamilies_addsUp() {
        Usage perFamily = Usage.lambda(1769, 20_000).plus(Usage.lambda(512, 800)).plus(Usage.standardTransitions(8))
                .plus(Usage.s3(3, 25)).plus(Usage.dynamo(2, 30)).plus(Usage.events(1));
        CostEstimate one = model.estimate(perFamily);
        CostEstimate thousand = model.estimate(perFamily.times(1000));
        assertThat(thousand.total()).isCloseTo(one.total() * 1000, within(one.total()));
        assertThat(thousand.lines()).extracting(CostLine::item).contains("S3 PUT requests", "DynamoDB reads", "EventBridge events");
    }

    @Test
    void prices_canBeOverridden_andBadOnesAreRefused() {
        String tokyo = """
                {"version":1,"region":"ap-northeast-1","currency":"USD","asOf":"2026-11-25","lambdaGbSecond":0.0000133334,
                 "lambdaRequest":0.0000002,"fargateVcpuHour":0.04,"fargateGbHour":0.0044,"fargateSpotVcpuHour":0.012,
                 "fargateSpotGbHour":0.0013,"standardTransition":0.000025,"expressRequest":0.000001,"expressGbSecond":0.00001667,
                 "s3PutRequest":0.0000047,"s3GetRequest":0.00000037,"dynamoWriteRequestUnit":0.000000715,
                 "dynamoReadRequestUnit":0.000000143,"eventBridgeEvent":0.000001}""";
        assertThat(Prices.fromJson(tokyo).region()).isEqualTo("ap-northeast-1");
        assertThatThrownBy(() -> Prices.fromJson(tokyo.replace("0.04,", "-0.04,"))).isInstanceOf(InvalidPricesException.class);
    }

    @Test
    void runSummary_countsOutcomes_percentiles_andCost() {
        List<FamilyOutcome> outcomes = List.of(
                FamilyOutcome.delivered("a", "movies/a/quarterly/2026-Q4.mp4", 10_000),
                FamilyOutcome.delivered("b", "movies/b/quarterly/2026-Q4.mp4", 30_000),
                FamilyOutcome.skipped("c", SkipReason.TOO_LITTLE_MATERIAL),
                FamilyOutcome.skipped("d", SkipReason.TOO_LITTLE_MATERIAL),
                FamilyOutcome.skipped("e", SkipReason.OPTED_OUT),
                FamilyOutcome.failed("f", "UndecodableMedia", "clip 3 cannot be decoded", 5_000L));
        RunSummary s = RunSummary.of("quarterly-2026-Q4", "quarterly", Period.quarter(2026, 4),
                Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:05:00Z"), outcomes,
                Usage.standardTransitions(1000), model);
        assertThat(s.delivered()).isEqualTo(2);
        assertThat(s.skipped()).containsEntry(SkipReason.TOO_LITTLE_MATERIAL, 2).containsEntry(SkipReason.OPTED_OUT, 1);
        assertThat(s.failed()).extracting(FamilyOutcome::familyId).containsExactly("f");
        assertThat(s.movieMillis().p50()).isEqualTo(10_000);
        assertThat(s.movieMillis().max()).isEqualTo(30_000);
        assertThat(s.duration().toMinutes()).isEqualTo(5);
        assertThat(s.cost().total()).isCloseTo(0.025, within(1e-9));
    }
}
