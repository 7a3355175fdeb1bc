package ichibyo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IchibyoTest {

    @Test
    void ichibyoDescription_hasNoDanglingReferences() {
        assertThat(Ichibyo.app().problems()).isEmpty();
    }

    @Test
    void stateMachineFiles_existUnderTheRepository() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(Ichibyo.app().stateMachines()).allSatisfy(m -> assertThat(root.resolve(m.definitionFile())).isRegularFile());
    }

    @Test
    void uploadsUnderOriginals_reachScoreMedia_throughItsQueue() {
        AppDescription app = Ichibyo.app();
        ObjectCreatedNotification n = app.notifications().getFirst();
        assertThat(n.bucket()).isEqualTo(Ichibyo.MEDIA_BUCKET);
        assertThat(n.prefix()).isEqualTo("originals/");
        assertThat(app.function("score-media").orElseThrow().eventSources())
                .singleElement().satisfies(e -> {
                    assertThat(e.queue()).isEqualTo(n.queue());
                    assertThat(e.reportBatchItemFailures()).isTrue();
                });
        Queue queue = app.queue(n.queue()).orElseThrow();
        assertThat(queue.deadLetter()).isNotNull();
        // Lambda's rule: a visibility timeout shorter than the function's timeout redelivers messages being worked on.
        assertThat(queue.visibilityTimeout()).isGreaterThanOrEqualTo(app.function("score-media").orElseThrow().timeout());
    }

    @Test
    void scoreMedia_hasRoomInTmpForTheLargestUpload_soItRunsWithoutSnapStart() {
        Function scorer = Ichibyo.app().function("score-media").orElseThrow();
        // upload-url accepts up to 2 GiB; score-media downloads the original to /tmp and writes a thumbnail beside it.
        assertThat(scorer.ephemeralStorageMb()).isGreaterThan(2048);
        assertThat(scorer.snapStart()).isFalse();
        assertThat(scorer.ffmpeg()).isTrue();
        Function uploadUrl = Ichibyo.app().function("upload-url").orElseThrow();
        assertThat(uploadUrl.snapStart()).isTrue();
        assertThat(uploadUrl.ffmpeg()).isFalse();
    }

    @Test
    void function_refusesTmpSizesLambdaDoesNotOffer() {
        Function f = new Function("f", "x.Handler", 512, Duration.ofSeconds(3), Map.of(), List.of());
        assertThatThrownBy(() -> f.withEphemeralStorage(256)).hasMessageContaining("512–10240 MB, not 256");
        assertThatThrownBy(() -> f.withEphemeralStorage(20480)).hasMessageContaining("not 20480");
        assertThat(f.withEphemeralStorage(10240).snapStart()).isFalse();
    }

    @Test
    void httpRoutes_areFixedSegmentsOrWholeSegmentParameters_eachToOneFunction() {
        Function f = new Function("f", "x.Handler", 512, Duration.ofSeconds(3), Map.of(), List.of());
        assertThat(f.withHttpRoute("PUT", "/items/{id}").httpRoutes().getFirst().parameters()).containsExactly("id");
        assertThatThrownBy(() -> f.withHttpRoute("POST", "/items/x{id}")).hasMessageContaining("whole {parameter}");
        assertThatThrownBy(() -> f.withHttpRoute("POST", "/items/{id+}")).hasMessageContaining("whole {parameter}");
        assertThatThrownBy(() -> f.withHttpRoute("POST", "/items//x")).hasMessageContaining("whole {parameter}");
        assertThatThrownBy(() -> f.withHttpRoute("FETCH", "/items")).hasMessageContaining("not FETCH");
        AppDescription twice = new AppDescription(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(f.withHttpRoute("POST", "/upload-url"),
                        new Function("g", "y.Handler", 512, Duration.ofSeconds(3), Map.of(), List.of()).withHttpRoute("POST", "/upload-url")),
                List.of(), List.of(), List.of());
        assertThat(twice.problems()).containsExactly("two HTTP routes named POST /upload-url");
        assertThat(Ichibyo.app().function("upload-url").orElseThrow().httpRoutes())
                .extracting(Function.HttpRoute::key).containsExactly("POST /upload-url");
    }

    @Test
    void problems_nameDanglingReferencesAndDuplicates() {
        AppDescription broken = new AppDescription(List.of(Bucket.of("bb1"), Bucket.of("bb1"), Bucket.of("Upper_Case")), List.of(),
                List.of(new Queue("q", Duration.ofSeconds(30), Duration.ofDays(1), new Queue.DeadLetter("missing-dlq", 3))),
                List.of(new ObjectCreatedNotification("other", "", "", "q")),
                List.of(new StateMachine("m", "statemachines/m.asl.json", StateMachine.Type.STANDARD, Map.of("Fn", Ref.functionArn("nope")))),
                List.of(), List.of(),
                List.of(new Schedule("s", "rate(1 day)", "UTC", "absent", "{}", 0)), List.of());
        assertThat(broken.problems()).containsExactlyInAnyOrder(
                "two buckets named bb1",
                "bucket name Upper_Case is not a valid S3 bucket name",
                "queue q dead-letter queue refers to queue missing-dlq, which is not described",
                "notification " + broken.notifications().getFirst() + " refers to bucket other, which is not described",
                "state machine m substitution Fn refers to function nope, which is not described",
                "schedule s refers to state machine absent, which is not described");
    }

    @Test
    void refs_resolveThroughTheResolverOfEachSide() {
        Ref.Resolver<String> arns = new Ref.Resolver<>() {
            public String literal(String v) { return v; }
            public String bucketName(String b) { return "bucket:" + b; }
            public String tableName(String t) { return "table:" + t; }
            public String queueUrl(String q) { return "queue:" + q; }
            public String functionArn(String f) { return "fn:" + f; }
            public String stateMachineArn(String m) { return "sm:" + m; }
            public String taskDefinitionArn(String t) { return "td:" + t; }
            public String eventBusName(String b) { return "bus:" + b; }
        };
        assertThat(Ref.functionArn("score-media").resolve(arns)).isEqualTo("fn:score-media");
        assertThat(Ref.literal("x").resolve(arns)).isEqualTo("x");
        assertThat(Files.exists(Path.of("pom.xml"))).isTrue();
    }
}
