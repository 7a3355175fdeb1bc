package ichibyo.app;

import static ichibyo.app.Access.read;
import static ichibyo.app.Access.readItems;
import static ichibyo.app.Access.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each function, state machine and task states what it does with the app's other resources; the CDK app grants
 * that and no more, so the list must agree with what each one is given to find them (and the local runtime, which
 * runs the same description, needs every name it is given).
 */
class AccessTest {

    static final AppDescription APP = Ichibyo.app();

    @Test
    void ichibyo_statesAccessToEveryResourceItNames_andToNoOther() {
        assertThat(APP.accessProblems()).isEmpty();
        assertThat(APP.functions()).allSatisfy(f -> assertThat(f.access()).as(f.name()).isNotEmpty());
        assertThat(APP.stateMachines()).allSatisfy(m -> assertThat(m.access()).as(m.name()).isNotEmpty());
        assertThat(APP.tasks()).allSatisfy(t -> assertThat(t.access()).as(t.name()).isNotEmpty());
    }

    @Test
    void uploadUrl_mayOnlyWriteOriginals_andReadTheCatalogAndTheMemberships() {
        assertThat(APP.function("upload-url").orElseThrow().access()).containsExactlyInAnyOrder(
                write(Ichibyo.MEDIA_BUCKET, "originals/"), readItems(Ichibyo.CATALOG_TABLE), readItems(Ichibyo.MEMBERSHIPS_TABLE));
    }

    @Test
    void aDeliveryStep_isGivenTheNamesOfOnlyWhatItMayUse() {
        Function plan = APP.function("plan-delivery-run").orElseThrow();
        assertThat(plan.environment()).containsKey("MEDIA_BUCKET").doesNotContainKeys("CATALOG_TABLE", "FAMILIES_TABLE", "EVENT_BUS")
                .containsEntry("DELIVERY_SEGMENTS", Ref.literal("4"));
        assertThat(APP.function("deliver-movie").orElseThrow().environment())
                .containsKeys("MEDIA_BUCKET", "FAMILIES_TABLE", "EVENT_BUS").doesNotContainKey("CATALOG_TABLE");
    }

    @Test
    void aNamedResourceWithoutAccess_andAccessToWhatNothingNames_areProblems() {
        Function f = new Function("f", "x.Handler", 512, Duration.ofSeconds(3), Map.of("BUCKET", Ref.bucketName("media")), List.of())
                .withAccess(readItems("items", "byDay"));
        AppDescription app = AppDescription.builder().bucket(Bucket.of("media"))
                .table(new Table("items", Table.Key.string("pk"), null, List.of(), null)).function(f).build();

        assertThat(app.accessProblems()).containsExactlyInAnyOrder(
                "function f names bucket media but has no access to it",
                "function f has access to table items, which nothing it is given names",
                "function f reads index byDay, which table items does not have");
    }

    @Test
    void aQueueThatAFunctionPolls_needsConsumeAccess() {
        Function f = new Function("f", "x.Handler", 512, Duration.ofSeconds(3), Map.of(),
                List.of(new Function.SqsEventSource("q", 10, Duration.ZERO, true)));
        AppDescription app = AppDescription.builder().queue(Queue.deadLetterQueue("q")).function(f).build();

        assertThat(app.accessProblems()).contains("function f polls queue q but may not consume it");
        assertThat(AppDescription.builder().queue(Queue.deadLetterQueue("q")).function(f.withAccess(Access.consume("q"))).build()
                .accessProblems()).isEmpty();
    }

    @Test
    void bucketAccess_isByKeyPrefix_neverTheWholeBucket() {
        assertThatThrownBy(() -> read("media", "")).hasMessageContaining("needs a key prefix");
        assertThatThrownBy(() -> write("media", "*")).hasMessageContaining("needs a key prefix");
        assertThatThrownBy(() -> read("media", "originals")).hasMessageContaining("needs a key prefix");
        assertThat(read("media", "runs/quarterly/")).isEqualTo(new Access.ReadObjects("media", "runs/quarterly/"));
    }
}
