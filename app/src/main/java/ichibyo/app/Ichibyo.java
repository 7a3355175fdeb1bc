package ichibyo.app;

import ichibyo.app.Function.SqsEventSource;
import ichibyo.app.Table.GlobalIndex;
import ichibyo.app.Table.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ichibyo's resources. Add a resource here and it exists both on AWS (the CDK app) and locally
 * (the local runtime); nowhere else.
 */
public final class Ichibyo {

    public static final String MEDIA_BUCKET = "ichibyo-media";
    public static final String CATALOG_TABLE = "media-catalog";
    public static final String SCORE_MEDIA_QUEUE = "score-media";
    public static final String SCORE_MEDIA_DLQ = "score-media-dlq";
    public static final String EVENT_BUS = "ichibyo-events";
    /** Families (profiles) and their delivery records: keys in ichibyo.core.delivery.Delivery and FamilyDirectory. */
    public static final String FAMILIES_TABLE = "families";
    /** Who belongs to which family, and as what: keys in ichibyo.functions.family.Memberships. */
    public static final String MEMBERSHIPS_TABLE = "memberships";
    public static final String DELIVERY_RUN = "delivery-run";
    public static final String START_DELIVERY_RUN = "start-delivery-run";
    /** The Fargate task that renders plans too large for Lambda (ichibyo.tasks.render.RenderTask). */
    public static final String RENDER_TASK = "render";
    /** The editions whose schedules start delivery runs, one schedule each ({@code delivery-quarterly}, …). */
    public static final List<String> EDITIONS = List.of("quarterly", "monthly", "yearly");

    private Ichibyo() {}

    public static AppDescription app() {
        Duration scoreTimeout = Duration.ofMinutes(2);
        // The variables the handlers read (UploadUrlHandler, ScoreMediaHandler).
        Map<String, Ref> mediaEnv = Map.of(
                "MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET),
                "CATALOG_TABLE", Ref.tableName(CATALOG_TABLE));
        AppDescription.Builder app = AppDescription.builder()
                .bucket(Bucket.of(MEDIA_BUCKET))
                .table(new Table(CATALOG_TABLE,
                        // Key design and access patterns: ichibyo.core.catalog.CatalogKeys (docs/catalog.md).
                        Key.string("pk"), Key.string("sk"),
                        List.of(new GlobalIndex("byMonth", Key.string("gsi1pk"), Key.string("gsi1sk")), // usable media, best first
                                new GlobalIndex("counts", Key.string("gsi2pk"), Key.string("gsi2sk"))), // per-family counts
                        null))
                // Profiles (sk PROFILE) and delivery records (sk DELIVERY#{edition}#{period}) of each family.
                .table(new Table(FAMILIES_TABLE, Key.string("pk"), Key.string("sk"), List.of(), null))
                // USER#{sub} / FAMILY#{familyId}: read by every family-facing route, written when a family is created.
                .table(new Table(MEMBERSHIPS_TABLE, Key.string("pk"), Key.string("sk"), List.of(), null))
                // Lambda's advice: visibility timeout at least 6x the function timeout.
                .queue(new Queue(SCORE_MEDIA_QUEUE, scoreTimeout.multipliedBy(6), Duration.ofDays(4),
                        new Queue.DeadLetter(SCORE_MEDIA_DLQ, 5)))
                .queue(Queue.deadLetterQueue(SCORE_MEDIA_DLQ))
                .notification(new ObjectCreatedNotification(MEDIA_BUCKET, "originals/", "", SCORE_MEDIA_QUEUE))
                .stateMachine(deliveryRun())
                .stateMachine(startDeliveryRun())
                .function(new Function("upload-url", "ichibyo.functions.upload.UploadUrlHandler", 512,
                        Duration.ofSeconds(10), withMemberships(mediaEnv), List.of())
                        .withHttpRoute("POST", "/upload-url"))
                // Downloads the original (up to upload-url's 2 GiB) to /tmp: too big for SnapStart's 512 MB.
                .function(new Function("score-media", "ichibyo.functions.score.ScoreMediaHandler", 2048,
                        scoreTimeout, mediaEnv,
                        List.of(new SqsEventSource(SCORE_MEDIA_QUEUE, 10, Duration.ofSeconds(1), true)))
                        .withEphemeralStorage(4096).withFfmpeg())
                .function(families())
                .function(delivery("plan-delivery-run", "PlanDeliveryRunHandler", 512, Duration.ofSeconds(30)))
                // One scan segment of the counters and the lookups of its families.
                .function(delivery("extract-targets", "ExtractTargetsHandler", 1024, Duration.ofMinutes(10)))
                .function(delivery("gather-targets", "GatherTargetsHandler", 512, Duration.ofMinutes(5)))
                .function(delivery("select-materials", "SelectMaterialsHandler", 1024, Duration.ofMinutes(1)))
                // Renders a plan of up to RENDER_ON_FARGATE_ABOVE_MOMENTS moments; larger ones go to Fargate.
                .function(new Function("render-movie", "ichibyo.functions.render.RenderMovieHandler", 3008, Duration.ofMinutes(5),
                        Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET)), List.of()).withFfmpeg())
                .function(delivery("deliver-movie", "DeliverMovieHandler", 512, Duration.ofMinutes(1)))
                .function(delivery("record-failure", "RecordFailureHandler", 512, Duration.ofSeconds(30)))
                .function(delivery("summarize-run", "SummarizeRunHandler", 1024, Duration.ofMinutes(5)))
                .task(renderTask())
                .eventBus(new EventBus(EVENT_BUS));
        EDITIONS.forEach(edition -> app.schedule(schedule(edition)));
        return app.build();
    }

    /** The same render step as render-movie, in a container: 2 vCPU, 4 GB, Spot (a plan is small enough to redo). */
    private static FargateTask renderTask() {
        return FargateTask.taskMain(RENDER_TASK, Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET)), 2048, 4096).withSpot(true);
    }

    /** {@code POST /families}: creates or updates a family's profile. */
    private static Function families() {
        return new Function("families", "ichibyo.functions.family.FamiliesHandler", 512, Duration.ofSeconds(10),
                withMemberships(Map.of("FAMILIES_TABLE", Ref.tableName(FAMILIES_TABLE))), List.of())
                .withHttpRoute("POST", "/families");
    }

    /** A family-facing route reads the caller's membership before it acts for a family (ichibyo.core.family.access). */
    private static Map<String, Ref> withMemberships(Map<String, Ref> env) {
        Map<String, Ref> all = new java.util.TreeMap<>(env);
        all.put("MEMBERSHIPS_TABLE", Ref.tableName(MEMBERSHIPS_TABLE));
        return all;
    }

    /** A step of the delivery run (ichibyo.functions.delivery); all of them share one set of variables. */
    private static Function delivery(String name, String handler, int memoryMb, Duration timeout) {
        return new Function(name, "ichibyo.functions.delivery." + handler, memoryMb, timeout, deliveryEnv(), List.of());
    }

    /**
     * The delivery steps' configuration. One JVM runs every function locally, so a variable has one
     * value for all of them. Limits not set here take the handlers' defaults (PlanDeliveryRunHandler).
     */
    private static Map<String, Ref> deliveryEnv() {
        Map<String, Ref> env = new java.util.TreeMap<>();
        env.put("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET));
        env.put("CATALOG_TABLE", Ref.tableName(CATALOG_TABLE));
        env.put("FAMILIES_TABLE", Ref.tableName(FAMILIES_TABLE));
        env.put("EVENT_BUS", Ref.eventBusName(EVENT_BUS));
        env.put("DELIVERY_SEGMENTS", Ref.literal("4"));
        env.put("DELIVERY_FAMILIES_PER_BATCH", Ref.literal("4"));
        env.put("DELIVERY_MAX_CONCURRENCY", Ref.literal("100"));
        env.put("DELIVERY_TOLERATED_FAILURE_PERCENTAGE", Ref.literal("10"));
        env.put("FARGATE_CONCURRENCY", Ref.literal("10"));
        env.put("RENDER_ON_FARGATE_ABOVE_MOMENTS", Ref.literal("40"));
        // The summary's cost estimate counts Lambda GB-seconds of steps that do not report their memory.
        env.put("RENDER_MEMORY_MB", Ref.literal("3008"));
        return env;
    }

    private static StateMachine deliveryRun() {
        Map<String, Ref> s = new java.util.TreeMap<>();
        s.put("PlanDeliveryRunFunction", Ref.functionArn("plan-delivery-run"));
        s.put("ExtractTargetsFunction", Ref.functionArn("extract-targets"));
        s.put("GatherTargetsFunction", Ref.functionArn("gather-targets"));
        s.put("SelectMaterialsFunction", Ref.functionArn("select-materials"));
        s.put("RenderMovieFunction", Ref.functionArn("render-movie"));
        s.put("DeliverMovieFunction", Ref.functionArn("deliver-movie"));
        s.put("RecordFailureFunction", Ref.functionArn("record-failure"));
        s.put("SummarizeRunFunction", Ref.functionArn("summarize-run"));
        s.put("MediaBucket", Ref.bucketName(MEDIA_BUCKET));
        s.put("EventBus", Ref.eventBusName(EVENT_BUS));
        // Plans too large for Lambda render on the Fargate task, on Spot when it may.
        s.put("RenderCluster", Ref.clusterArn());
        s.put("RenderTaskDefinition", Ref.taskDefinitionArn(RENDER_TASK));
        s.put("RenderCapacityProvider", Ref.capacityProvider(RENDER_TASK));
        s.put("RenderSubnets", Ref.taskSubnets());
        s.put("RenderSecurityGroup", Ref.taskSecurityGroup());
        s.put("RenderContainer", Ref.literal(renderTask().containerName()));
        return new StateMachine(DELIVERY_RUN, "statemachines/delivery-run.asl.json", StateMachine.Type.STANDARD, s);
    }

    private static StateMachine startDeliveryRun() {
        return new StateMachine(START_DELIVERY_RUN, "statemachines/start-delivery-run.asl.json", StateMachine.Type.STANDARD,
                Map.of("PlanDeliveryRunFunction", Ref.functionArn("plan-delivery-run"),
                        "DeliveryRunStateMachine", Ref.stateMachineArn(DELIVERY_RUN)));
    }

    /**
     * One schedule per edition, at 09:00 in Tokyo: quarterly on the 1st of January, April, July and
     * October; monthly on every 1st; yearly on 2 January (the yearly edition's delivery day).
     */
    private static Schedule schedule(String edition) {
        String cron = switch (edition) {
            case "quarterly" -> "cron(0 9 1 1,4,7,10 ? *)";
            case "monthly" -> "cron(0 9 1 * ? *)";
            case "yearly" -> "cron(0 9 2 1 ? *)";
            default -> throw new IllegalArgumentException("no schedule for edition " + edition);
        };
        return new Schedule("delivery-" + edition, cron, "Asia/Tokyo", START_DELIVERY_RUN, "{\"edition\":\"" + edition + "\"}", 0);
    }
}
