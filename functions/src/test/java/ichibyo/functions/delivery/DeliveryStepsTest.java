package ichibyo.functions.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.media.MediaKind;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.cost.CostModel;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.DeliveryRecord;
import ichibyo.core.edition.InvalidPeriodException;
import ichibyo.core.edition.Period;
import ichibyo.core.edition.UnknownEditionException;
import ichibyo.core.family.Family;
import ichibyo.core.scoring.TakenAt;
import ichibyo.functions.EmbeddedAws;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The delivery steps against real S3 and DynamoDB Local, through their JSON contracts (as Step Functions calls them). */
class DeliveryStepsTest {
    static final String FAMILIES = "families";
    static final Map<String, String> ENV = Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    /** 09:00 on 1 January 2027 in Tokyo: the quarterly schedule's time; Q4 2026 just ended. */
    static final Instant NEW_YEAR = Instant.parse("2027-01-01T00:00:00Z");
    static final Period Q4 = Period.quarter(2026, 4);
    static EmbeddedAws aws;
    static RunStorage storage;
    static FamilyDirectory families;
    static MediaCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        aws.dynamoDb.createTable(FamilyDirectory.createTableRequest(FAMILIES));
        storage = new RunStorage(aws.s3, EmbeddedAws.BUCKET);
        families = new FamilyDirectory(aws.dynamoDb, FAMILIES);
        catalog = new MediaCatalog(aws.dynamoDb, EmbeddedAws.TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    static JsonNode call(StepHandler<?, ?> handler, Object input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(input)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    static PlanDeliveryRunHandler plan() {
        return new PlanDeliveryRunHandler(storage, PlanDeliveryRunHandler.Limits.from(Map.of("DELIVERY_SEGMENTS", "3")),
                Clock.fixed(NEW_YEAR, ZoneOffset.UTC), ENV);
    }

    @Test
    void plan_takesThePeriodJustEndedInTokyo_theLimits_andReportsItsOwnUsage() throws Exception {
        JsonNode run = call(plan(), Map.of("edition", "quarterly", "scheduledAt", "2027-01-01T00:00:05.123Z"));
        assertThat(run.path("period").asText()).isEqualTo("2026-Q4");
        assertThat(run.path("runName").asText()).isEqualTo("quarterly-2026-Q4");
        assertThat(run.path("runPrefix").asText()).isEqualTo("runs/quarterly/2026-Q4/");
        assertThat(run.path("segments").toString()).isEqualTo("[0,1,2]");
        assertThat(run.path("totalSegments").asInt()).isEqualTo(3);
        assertThat(run.path("familiesPerBatch").asInt()).isEqualTo(4);
        assertThat(run.path("editionsSource").asText()).isEqualTo("defaults");
        assertThat(run.path("lambda").path("function").asText()).isEqualTo("plan-delivery-run");
        assertThat(run.path("lambda").path("memoryMb").asInt()).isEqualTo(512);
        assertThat(storage.edition("runs/quarterly/2026-Q4/", "quarterly").maxMoments()).isEqualTo(20);

        // The yearly edition waits for 2 January: on the 1st the year before last is the one due.
        assertThat(call(plan(), Map.of("edition", "yearly", "scheduledAt", "2027-01-01T00:00:00Z")).path("period").asText())
                .isEqualTo("2025");
        // A delivery run started with another name (a catch-up run) keeps it.
        assertThat(call(plan(), Map.of("edition", "monthly", "period", "2026-11", "runName", "monthly-2026-11-r2"))
                .path("runName").asText()).isEqualTo("monthly-2026-11-r2");
        assertThatThrownBy(() -> call(plan(), Map.of("edition", "quarterly", "period", "2026-11")))
                .isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> call(plan(), Map.of("edition", "weekly"))).isInstanceOf(UnknownEditionException.class);
    }

    @Test
    void plan_readsTheEditionsOverrideInTheBucket_withoutADeploy() throws Exception {
        String override = """
                {"version": 1, "editions": [{"id": "quarterly", "period": "QUARTER", "material": ["VIDEO"], "minItems": 3,
                 "minMoments": 3, "maxMoments": 8, "style": "QUARTERLY"}]}""";
        aws.s3.putObject(r -> r.bucket(EmbeddedAws.BUCKET).key(PlanDeliveryRunHandler.EDITIONS_KEY), RequestBody.fromString(override));
        try {
            JsonNode run = call(plan(), Map.of("edition", "quarterly", "period", "2026-Q3"));
            assertThat(run.path("editionsSource").asText()).endsWith("config/editions.json");
            assertThat(storage.edition("runs/quarterly/2026-Q3/", "quarterly").maxMoments()).isEqualTo(8);
            assertThatThrownBy(() -> call(plan(), Map.of("edition", "monthly"))).isInstanceOf(UnknownEditionException.class);
        } finally {
            aws.s3.deleteObject(r -> r.bucket(EmbeddedAws.BUCKET).key(PlanDeliveryRunHandler.EDITIONS_KEY));
        }
    }

    @Test
    void extractTargets_acrossSegments_findsEachFamilyOnce_withTheReasonOfEverySkip() throws Exception {
        String prefix = call(plan(), Map.of("edition", "quarterly", "period", "2026-Q4")).path("runPrefix").asText();
        int n = 0;
        for (String id : List.of("ex-eligible-1", "ex-eligible-2", "ex-eligible-3", "ex-pending")) {
            families.put(Family.of(id, "Family " + id, false), Instant.now());
            items(id, 10, n++);
        }
        families.put(Family.of("ex-few", "Few", false), Instant.now());
        items("ex-few", 9, n++);
        families.put(new Family("ex-out", "Out", false, null, true, null), Instant.now());
        items("ex-out", 12, n++);
        families.put(Family.of("ex-done", "Done", false), Instant.now());
        items("ex-done", 12, n++);
        items("ex-no-profile", 12, n++);
        Delivery done = new Delivery("ex-done", "quarterly", Q4);
        families.recordDelivery(DeliveryRecord.of(done, "t", 5, 5, "quarterly-2026-Q4", Instant.now()));
        families.markEventSent(done, Instant.now());
        families.recordDelivery(DeliveryRecord.of(new Delivery("ex-pending", "quarterly", Q4), "t", 5, 5, "quarterly-2026-Q4", Instant.now()));

        ExtractTargetsHandler extract = new ExtractTargetsHandler(storage, aws.dynamoDb, EmbeddedAws.TABLE, families,
                Clock.fixed(NEW_YEAR, ZoneOffset.UTC), ENV);
        List<JsonNode> segments = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            segments.add(call(extract, Map.of("edition", "quarterly", "period", "2026-Q4", "runPrefix", prefix, "segment", s,
                    "totalSegments", 3)));
        }
        JsonNode targets = call(new GatherTargetsHandler(new TargetLists(aws.s3, EmbeddedAws.BUCKET), ENV),
                Map.of("runPrefix", prefix, "segments", segments));
        Set<String> listed = new HashSet<>();
        storage.text(targets.path("targetsKey").asText()).orElseThrow().lines()
                .forEach(l -> assertThat(listed.add(read(l).path("familyId").asText())).as("listed once: %s", l).isTrue());
        // The family whose event was never sent is listed again: select-materials finds its record and deliver sends the event.
        assertThat(listed).containsExactlyInAnyOrder("ex-eligible-1", "ex-eligible-2", "ex-eligible-3", "ex-pending");
        assertThat(targets.path("families").asInt()).isEqualTo(4);
        assertThat(targets.path("skippedByReason").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
        assertThat(targets.path("skippedByReason").path("OPTED_OUT").asInt()).isEqualTo(1);
        assertThat(targets.path("skippedByReason").path("ALREADY_DELIVERED").asInt()).isEqualTo(1);
        assertThat(targets.path("withoutProfile").asInt()).isEqualTo(1);
        assertThat(targets.path("lambdas")).hasSize(3);
        String skippedLines = String.join("\n", List.of(0, 1, 2).stream()
                .map(s -> storage.text(ExtractTargetsHandler.skippedKey(prefix, s)).orElseThrow()).toList());
        assertThat(skippedLines).contains("\"familyId\":\"ex-few\",\"reason\":\"TOO_LITTLE_MATERIAL\",\"usable\":9,\"required\":10");

        // select-materials: the pending delivery is handed to deliver; an eligible family gets a plan of its own originals.
        SelectMaterialsHandler select = new SelectMaterialsHandler(storage, catalog, families, 40, Clock.systemUTC(), ENV);
        JsonNode pending = call(select, Map.of("family", Map.of("familyId", "ex-pending", "displayName", "P"), "edition", "quarterly",
                "period", "2026-Q4", "runPrefix", prefix, "runName", "quarterly-2026-Q4"));
        assertThat(pending.path("status").asText()).isEqualTo("EVENT_PENDING");
        JsonNode selected = call(select, Map.of("family", Map.of("familyId", "ex-eligible-1", "displayName", "田中家"), "edition",
                "quarterly", "period", "2026-Q4", "runPrefix", prefix, "runName", "quarterly-2026-Q4"));
        assertThat(selected.path("status").asText()).isEqualTo("SELECTED");
        assertThat(selected.path("renderOn").asText()).isEqualTo("LAMBDA");
        assertThat(selected.path("title").asText()).isEqualTo("田中家 2026年 秋");
        assertThat(selected.path("stagingKey").asText()).isEqualTo(prefix + "staging/ex-eligible-1.mp4");
        String plan = storage.text(selected.path("planKey").asText()).orElseThrow();
        assertThat(read(plan).path("clips").findValuesAsText("source"))
                .hasSize(selected.path("moments").asInt())
                .allSatisfy(s -> assertThat(s).startsWith("s3://" + EmbeddedAws.BUCKET + "/originals/ex-eligible-1/"));
        // Over the Fargate threshold the plan goes where the large-plan map lists it.
        JsonNode large = call(new SelectMaterialsHandler(storage, catalog, families, 4, Clock.systemUTC(), ENV),
                Map.of("family", Map.of("familyId", "ex-eligible-2", "displayName", "Big"), "edition", "quarterly", "period", "2026-Q4",
                        "runPrefix", prefix, "runName", "quarterly-2026-Q4"));
        assertThat(large.path("renderOn").asText()).isEqualTo("FARGATE");
        assertThat(large.path("planKey").asText()).isEqualTo(prefix + "large-plans/ex-eligible-2.json");
    }

    @Test
    void summarizeRun_readsTheMapsResults_failsTheFamiliesOfAFailedBatch_andEstimatesTheCost() throws Exception {
        String prefix = "runs/quarterly/2026-Q2/";
        String delivered = "{\"familyId\":\"a\",\"status\":\"DELIVERED\",\"movieKey\":\"movies/a/quarterly/2026-Q2.mp4\",\"durationMillis\":4000,"
                + "\"lambdas\":[{\"function\":\"select-materials\",\"millis\":300,\"memoryMb\":1024},{\"function\":\"render-movie\",\"millis\":2000,\"memoryMb\":0}],"
                + "\"lambda\":{\"function\":\"deliver-movie\",\"millis\":100,\"memoryMb\":512}}";
        String skipped = "{\"familyId\":\"b\",\"status\":\"SKIPPED\",\"reason\":\"TOO_LITTLE_MATERIAL\"}";
        String failed = "{\"familyId\":\"c\",\"status\":\"FAILED\",\"error\":\"ichibyo.core.media.exceptions.UndecodableMediaException\",\"cause\":\"noise\"}";
        String fargate = "{\"familyId\":\"d\",\"status\":\"TO_FARGATE\",\"planKey\":\"" + prefix + "large-plans/d.json\"}";
        List<Map<String, Object>> familyChildren = List.of(
                child("SUCCEEDED", "{\"Items\":[{\"familyId\":\"a\"},{\"familyId\":\"b\"},{\"familyId\":\"c\"},{\"familyId\":\"d\"}]}",
                        "[" + delivered + "," + skipped + "," + failed + "," + fargate + "]", null),
                child("FAILED", "{\"Items\":[{\"familyId\":\"e\"},{\"familyId\":\"f\"}]}", null, "States.Timeout"));
        String largeDelivered = "{\"familyId\":\"d\",\"status\":\"DELIVERED\",\"movieKey\":\"m\",\"fargateSeconds\":90.0}";
        List<Map<String, Object>> largeChildren = List.of(child("SUCCEEDED", "{\"family\":{\"familyId\":\"d\"}}", largeDelivered, null));
        Map<String, String> familyResults = manifest(prefix + "results/families/run-1/", familyChildren);
        Map<String, String> largeResults = manifest(prefix + "results/large/run-2/", largeChildren);

        SummarizeRunHandler summarize = new SummarizeRunHandler(storage, CostModel.defaults(), 3008, 2, 4, Clock.systemUTC(), ENV);
        JsonNode compact = call(summarize, Map.of(
                "run", Map.of("edition", "quarterly", "period", "2026-Q2", "runName", "quarterly-2026-Q2", "runPrefix", prefix,
                        "totalSegments", 2, "lambda", Map.of("function", "plan-delivery-run", "millis", 50, "memoryMb", 512)),
                "targets", Map.of("families", 6, "skipped", 3, "skippedByReason", Map.of("NOT_PREMIUM", 2, "OPTED_OUT", 1), "withoutProfile", 1,
                        "lambdas", List.of(Map.of("function", "extract-targets", "millis", 400, "memoryMb", 1024))),
                "familyResults", familyResults, "largeResults", largeResults, "startedAt", "2026-07-01T00:00:00Z"));
        assertThat(compact.path("delivered").asInt()).isEqualTo(2);
        assertThat(compact.path("failed").asInt()).isEqualTo(3);
        assertThat(compact.path("failures").findValuesAsText("familyId")).containsExactlyInAnyOrder("c", "e", "f");
        assertThat(compact.path("skipped").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
        assertThat(compact.path("skipped").path("NOT_PREMIUM").asInt()).isEqualTo(2);
        assertThat(compact.path("withoutProfile").asInt()).isEqualTo(1);
        assertThat(compact.path("estimatedCost").asDouble()).isPositive();
        assertThat(compact.toString().length()).isLessThan(4096);

        JsonNode full = read(storage.text(compact.path("summaryKey").asText()).orElseThrow());
        Map<String, Double> lines = new java.util.HashMap<>();
        full.path("cost").path("lines").forEach(l -> lines.put(l.path("item").asText(), l.path("quantity").asDouble()));
        // 0.3 s at 1 GB, 2 s at 3008 MB (the render's memory from configuration), 0.1 s and 0.05 s at 512 MB, 0.4 s at 1 GB, and this step.
        assertThat(lines.get("Lambda duration")).isGreaterThan(0.3 + 2 * 3008 / 1024.0 + 0.075 + 0.4);
        assertThat(lines.get("Step Functions Express requests")).isEqualTo(2.0);
        // start-delivery-run 2; plan, scan map, 2 segments, gather, choice, 2 Distributed Maps; 2 family children and
        // 1 large child started (one each in the parent), the large child's 2 tasks; summary, announcement.
        assertThat(lines.get("Step Functions Standard transitions")).isEqualTo(2 + 1 + 1 + 2 + 1 + 1 + 2 + 2 + 1 + 2 + 1 + 1);
        assertThat(lines).containsKey("Fargate Spot vCPU");
        assertThat(full.path("failed").findValuesAsText("error")).contains("States.Timeout", "ichibyo.core.media.exceptions.UndecodableMediaException");
    }

    // ---- helpers ----

    static Map<String, Object> child(String status, String input, String output, String error) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("ExecutionArn", "arn:aws:states:us-east-1:123456789012:express:x:" + java.util.UUID.randomUUID());
        c.put("Input", input);
        if (output != null) {
            c.put("Output", output);
        }
        if (error != null) {
            c.put("Error", error);
            c.put("Cause", "the batch took too long");
        }
        c.put("Status", status);
        c.put("StartDate", "2026-07-01T00:00:01.000Z");
        c.put("StopDate", "2026-07-01T00:00:31.000Z");
        return c;
    }

    /** Results written as the ResultWriter writes them: a manifest naming a file per status. */
    static Map<String, String> manifest(String base, List<Map<String, Object>> children) throws Exception {
        Map<String, List<Map<String, String>>> files = new java.util.LinkedHashMap<>();
        for (String status : List.of("SUCCEEDED", "FAILED")) {
            List<Map<String, Object>> these = children.stream().filter(c -> c.get("Status").equals(status)).toList();
            files.put(status, new ArrayList<>());
            if (!these.isEmpty()) {
                String key = base + status + "_0.json";
                storage.putText(key, Json.mapper().writeValueAsString(these), "application/json");
                files.get(status).add(Map.of("Key", key));
            }
        }
        storage.putText(base + "manifest.json", Json.mapper().writeValueAsString(Map.of("ResultFiles", files)), "application/json");
        return Map.of("Bucket", EmbeddedAws.BUCKET, "Key", base + "manifest.json");
    }

    /** {@code count} usable videos of a family spread over Q4 2026, their counters counted as score-media counts them. */
    static void items(String familyId, int count, int seed) {
        Instant start = Q4.range(ZoneId.of("Asia/Tokyo")).start();
        long span = Q4.range(ZoneId.of("Asia/Tokyo")).length().toSeconds();
        for (int i = 0; i < count; i++) {
            String mediaId = familyId + "-" + i;
            String key = "originals/" + familyId + "/" + mediaId + ".mp4";
            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * count));
            MediaItem item = new MediaItem(familyId, mediaId, new SourceObject(EmbeddedAws.BUCKET, key, "etag" + i, null, "0" + seed + i),
                    MediaStatus.SCORED, null, null, MediaKind.VIDEO, "MP4", 320, 180, 1, 0, 3000L, 30.0, "h264", null, true, takenAt, "+09:00",
                    TakenAt.Source.CONTAINER, takenAt, 0, 0.0, 0.0, List.of(), 0.5, 0.5, 0.5, 0.5, -20.0, 1.0, 0.3 + 0.05 * i, null,
                    null, Instant.now());
            assertThat(catalog.save(item, null)).isTrue();
        }
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
