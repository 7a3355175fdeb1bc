package ichibyo.app;

import static ichibyo.app.Access.consume;
import static ichibyo.app.Access.delete;
import static ichibyo.app.Access.describeExecutions;
import static ichibyo.app.Access.invoke;
import static ichibyo.app.Access.putEvents;
import static ichibyo.app.Access.read;
import static ichibyo.app.Access.readItems;
import static ichibyo.app.Access.run;
import static ichibyo.app.Access.send;
import static ichibyo.app.Access.start;
import static ichibyo.app.Access.write;
import static ichibyo.app.Access.writeItems;

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
    /** Heals lost S3 events (originals without a catalog item); its schedule is also fired by the local runtime on every start. */
    public static final String RECONCILE_ORIGINALS = "reconcile-originals";
    /** The Fargate task that renders plans too large for Lambda (ichibyo.tasks.render.RenderTask). */
    public static final String RENDER_TASK = "render";
    /** The media bucket's folders (ichibyo.core.catalog.OriginalKey, Delivery, PlanDeliveryRunHandler): what access is granted by. */
    static final String ORIGINALS = "originals/", DERIVED = "derived/", MOVIES = "movies/", RUNS = "runs/", CONFIG = "config/";
    /** The encoding workflow's keys: the masters, a job's work (chunks, outputs, verifications), the placed outputs. */
    static final String MASTERS = "masters/", ENCODES = "encodes/", DELIVERIES = "deliveries/";
    /** The most score-media instances at once: each takes 2 GB and 4 GB of /tmp and runs FFmpeg for up to 2 minutes. */
    public static final int SCORE_MEDIA_CONCURRENCY = 20;
    /** The editions whose schedules start delivery runs, one schedule each ({@code delivery-quarterly}, …). */
    public static final List<String> EDITIONS = List.of("quarterly", "monthly", "yearly");
    /** The encoding workflow (statemachines/encode.asl.json): masters/{contentId}/ to deliveries/{contentId}/{profileSet}/. */
    public static final String ENCODE = "encode";
    /** The encoding workflow's work log: jobs, their tasks and outputs (keys in ichibyo.functions.encode.EncodeWorkLog). */
    public static final String ENCODE_JOBS_TABLE = "encode-jobs";
    /** Profile sets and profiles as versioned records, changed through PUT /profile-sets and PUT /profiles/{id} (ichibyo.functions.encode.ProfileStore). */
    public static final String ENCODE_PROFILES_TABLE = "encode-profiles";
    /** The Fargate task that encodes chunks too long or large for Lambda (ichibyo.tasks.encode.EncodeChunkTask). */
    public static final String ENCODE_CHUNK_TASK = "encode-chunk";
    /** Where people hear of an encode that failed (EncodeFailed, from the workflow or the rescue): SNS on AWS, recorded locally. */
    public static final String ENCODE_ALERTS_TOPIC = "encode-alerts";
    /** A Fargate chunk silent this long is hung: States.HeartbeatTimeout fails it, and its Retry reruns it. */
    public static final int ENCODE_HEARTBEAT_SECONDS = 120;
    /** Chunks encoded at once by the encode workflow's Distributed Map: the fan-out the benchmark models (100 tasks). */
    public static final int ENCODE_MAX_CONCURRENCY = 100;
    /** Settles jobs whose work log and execution disagree (ichibyo.core.encode.EncodeRescue); its schedule fires every 15 minutes. */
    public static final String RESCUE_ENCODES = "rescue-encodes";
    /** Masters arriving under masters/ (S3 ObjectCreated), for master-arrived, which starts their jobs; and its dead letters. */
    public static final String MASTER_ARRIVED_QUEUE = "master-arrived", MASTER_ARRIVED_DLQ = "master-arrived-dlq";

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
                .stateMachine(reconcileOriginals())
                .function(new Function("upload-url", "ichibyo.functions.upload.UploadUrlHandler", 512,
                        Duration.ofSeconds(10), withMemberships(mediaEnv), List.of())
                        .withHttpRoute("POST", "/upload-url")
                        // Presigns PUTs of originals for the caller's own families; refuses a media id that is already another original.
                        .withAccess(write(MEDIA_BUCKET, ORIGINALS), readItems(CATALOG_TABLE), readItems(MEMBERSHIPS_TABLE)))
                // Downloads the original (up to upload-url's 2 GiB) to /tmp: too big for SnapStart's 512 MB.
                .function(new Function("score-media", "ichibyo.functions.score.ScoreMediaHandler", 2048,
                        // Its own queue too: a message that failed comes back after a backoff, not the visibility timeout.
                        scoreTimeout, with(mediaEnv, "SCORE_MEDIA_QUEUE_URL", Ref.queueUrl(SCORE_MEDIA_QUEUE)),
                        List.of(new SqsEventSource(SCORE_MEDIA_QUEUE, 10, Duration.ofSeconds(1), true)))
                        .withEphemeralStorage(4096).withFfmpeg()
                        // Reads the original, writes (and replaces stale) thumbnails and posters, writes the item and the counts.
                        .withAccess(consume(SCORE_MEDIA_QUEUE), read(MEDIA_BUCKET, ORIGINALS), write(MEDIA_BUCKET, DERIVED),
                                delete(MEDIA_BUCKET, DERIVED), readItems(CATALOG_TABLE), writeItems(CATALOG_TABLE))
                        .withMaxConcurrency(SCORE_MEDIA_CONCURRENCY))
                .function(families())
                // Lists originals/ and re-sends the events of those the catalog lacks to score-media's queue.
                .function(new Function(RECONCILE_ORIGINALS, "ichibyo.functions.reconcile.ReconcileOriginalsHandler", 1024,
                        Duration.ofMinutes(5), Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET), "CATALOG_TABLE", Ref.tableName(CATALOG_TABLE),
                                "SCORE_MEDIA_QUEUE_URL", Ref.queueUrl(SCORE_MEDIA_QUEUE)), List.of())
                        .withAccess(read(MEDIA_BUCKET, ORIGINALS), readItems(CATALOG_TABLE), send(SCORE_MEDIA_QUEUE)))
                // Reads the editions override, pins the run's edition under its prefix.
                .function(delivery("plan-delivery-run", "PlanDeliveryRunHandler", 512, Duration.ofSeconds(30),
                        read(MEDIA_BUCKET, CONFIG), write(MEDIA_BUCKET, RUNS)))
                // One scan segment of the counters and the lookups of its families.
                .function(delivery("extract-targets", "ExtractTargetsHandler", 1024, Duration.ofMinutes(10),
                        read(MEDIA_BUCKET, RUNS), read(MEDIA_BUCKET, CONFIG), write(MEDIA_BUCKET, RUNS),
                        readItems(CATALOG_TABLE, "counts"), readItems(FAMILIES_TABLE)))
                .function(delivery("gather-targets", "GatherTargetsHandler", 512, Duration.ofMinutes(5),
                        read(MEDIA_BUCKET, RUNS), write(MEDIA_BUCKET, RUNS)))
                // The best media of each month; the plan and the selection go beside the movie, large plans under the run.
                .function(delivery("select-materials", "SelectMaterialsHandler", 1024, Duration.ofMinutes(1),
                        read(MEDIA_BUCKET, RUNS), read(MEDIA_BUCKET, CONFIG), write(MEDIA_BUCKET, MOVIES), write(MEDIA_BUCKET, RUNS),
                        readItems(CATALOG_TABLE, "byMonth"), readItems(FAMILIES_TABLE)))
                // Renders a plan of up to RENDER_ON_FARGATE_ABOVE_MOMENTS moments; larger ones go to Fargate.
                .function(new Function("render-movie", "ichibyo.functions.render.RenderMovieHandler", 3008, Duration.ofMinutes(5),
                        Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET)), List.of()).withFfmpeg()
                        // The plan beside the movie, the originals it cuts (presigned GETs), the movie staged under the run.
                        .withAccess(read(MEDIA_BUCKET, MOVIES), read(MEDIA_BUCKET, ORIGINALS), write(MEDIA_BUCKET, RUNS)))
                // Copies the staged movie to its place, writes the delivery record once, announces it.
                .function(delivery("deliver-movie", "DeliverMovieHandler", 512, Duration.ofMinutes(1),
                        read(MEDIA_BUCKET, RUNS), read(MEDIA_BUCKET, MOVIES), write(MEDIA_BUCKET, MOVIES),
                        readItems(FAMILIES_TABLE), writeItems(FAMILIES_TABLE), putEvents(EVENT_BUS)))
                .function(delivery("record-failure", "RecordFailureHandler", 512, Duration.ofSeconds(30),
                        write(MEDIA_BUCKET, RUNS)))
                .function(delivery("summarize-run", "SummarizeRunHandler", 1024, Duration.ofMinutes(5),
                        read(MEDIA_BUCKET, RUNS), write(MEDIA_BUCKET, RUNS)))
                .task(renderTask())
                .eventBus(new EventBus(EVENT_BUS));
        EDITIONS.forEach(edition -> app.schedule(schedule(edition)));
        encoding(app);
        // Hourly: an upload whose event was lost is scored within the hour.
        app.schedule(new Schedule(RECONCILE_ORIGINALS, "rate(1 hour)", "UTC", RECONCILE_ORIGINALS, "{}", 0));
        return app.build();
    }

    /** The same render step as render-movie, in a container: 2 vCPU, 4 GB, Spot (a plan is small enough to redo). */
    private static FargateTask renderTask() {
        return FargateTask.taskMain(RENDER_TASK, Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET)), 2048, 4096).withSpot(true)
                // The large plan under the run, the originals it cuts, the movie staged under the run.
                .withAccess(read(MEDIA_BUCKET, RUNS), read(MEDIA_BUCKET, ORIGINALS), write(MEDIA_BUCKET, RUNS));
    }

    /** {@code POST /families}: creates or updates a family's profile. */
    private static Function families() {
        return new Function("families", "ichibyo.functions.family.FamiliesHandler", 512, Duration.ofSeconds(10),
                withMemberships(Map.of("FAMILIES_TABLE", Ref.tableName(FAMILIES_TABLE))), List.of())
                .withHttpRoute("POST", "/families")
                // A new family and its owner's membership are written in one transaction (FamilyDirectory, Memberships).
                .withAccess(readItems(FAMILIES_TABLE), writeItems(FAMILIES_TABLE), readItems(MEMBERSHIPS_TABLE), writeItems(MEMBERSHIPS_TABLE));
    }

    /** A family-facing route reads the caller's membership before it acts for a family (ichibyo.core.family.access). */
    private static Map<String, Ref> withMemberships(Map<String, Ref> env) {
        return with(env, "MEMBERSHIPS_TABLE", Ref.tableName(MEMBERSHIPS_TABLE));
    }

    private static Map<String, Ref> with(Map<String, Ref> env, String name, Ref value) {
        Map<String, Ref> all = new java.util.TreeMap<>(env);
        all.put(name, value);
        return all;
    }

    /**
     * A step of the delivery run (ichibyo.functions.delivery) with its access: all of them share one set of
     * limits, and each is given the names of only the resources it may use.
     */
    private static Function delivery(String name, String handler, int memoryMb, Duration timeout, Access... access) {
        Map<String, Ref> env = new java.util.TreeMap<>(deliveryEnv());
        java.util.Set<String> used = java.util.Arrays.stream(access).map(Access::resource).collect(java.util.stream.Collectors.toSet());
        env.values().removeIf(ref -> switch (ref) {
            case Ref.BucketName b -> !used.contains("bucket:" + b.bucket());
            case Ref.TableName t -> !used.contains("table:" + t.table());
            case Ref.EventBusName b -> !used.contains("event bus:" + b.bus());
            default -> false;
        });
        return new Function(name, "ichibyo.functions.delivery." + handler, memoryMb, timeout, env, List.of()).withAccess(access);
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
        // Its steps, the target list it maps over and the results it writes under the run, RunCompleted, the large renders.
        return new StateMachine(DELIVERY_RUN, "statemachines/delivery-run.asl.json", StateMachine.Type.STANDARD, s)
                .withAccess(invoke("plan-delivery-run"), invoke("extract-targets"), invoke("gather-targets"), invoke("select-materials"),
                        invoke("render-movie"), invoke("deliver-movie"), invoke("record-failure"), invoke("summarize-run"),
                        read(MEDIA_BUCKET, RUNS), write(MEDIA_BUCKET, RUNS), putEvents(EVENT_BUS), run(RENDER_TASK));
    }

    private static StateMachine startDeliveryRun() {
        return new StateMachine(START_DELIVERY_RUN, "statemachines/start-delivery-run.asl.json", StateMachine.Type.STANDARD,
                Map.of("PlanDeliveryRunFunction", Ref.functionArn("plan-delivery-run"),
                        "DeliveryRunStateMachine", Ref.stateMachineArn(DELIVERY_RUN)))
                .withAccess(invoke("plan-delivery-run"), start(DELIVERY_RUN));
    }

    /** Lists originals/ a page at a time until the end, re-sending the events the catalog lacks. */
    private static StateMachine reconcileOriginals() {
        return new StateMachine(RECONCILE_ORIGINALS, "statemachines/reconcile-originals.asl.json", StateMachine.Type.STANDARD,
                Map.of("ReconcileOriginalsFunction", Ref.functionArn(RECONCILE_ORIGINALS)))
                .withAccess(invoke(RECONCILE_ORIGINALS));
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

    /** The encoding workflow: its state machine and its steps (ichibyo.functions.encode). */
    private static void encoding(AppDescription.Builder app) {
        Duration longest = Duration.ofMinutes(15);
        app.table(new Table(ENCODE_JOBS_TABLE, Key.string("pk"), Key.string("sk"), List.of(), null));
        app.table(new Table(ENCODE_PROFILES_TABLE, Key.string("pk"), Key.string("sk"), List.of(), null));
        // PUT /profile-sets: a set's next version, without a deploy.
        app.function(new Function("profile-sets", "ichibyo.functions.encode.ProfileSetsHandler", 512, Duration.ofSeconds(10),
                Map.of("ENCODE_PROFILES_TABLE", Ref.tableName(ENCODE_PROFILES_TABLE)), List.of())
                .withHttpRoute("PUT", "/profile-sets")
                .withAccess(readItems(ENCODE_PROFILES_TABLE), writeItems(ENCODE_PROFILES_TABLE)));
        // PUT /profiles/{id}: a profile's next version, and the next version of every set that holds it.
        app.function(new Function("profiles", "ichibyo.functions.encode.ProfilesHandler", 512, Duration.ofSeconds(10),
                Map.of("ENCODE_PROFILES_TABLE", Ref.tableName(ENCODE_PROFILES_TABLE)), List.of())
                .withHttpRoute("PUT", "/profiles/{id}")
                .withAccess(readItems(ENCODE_PROFILES_TABLE), writeItems(ENCODE_PROFILES_TABLE)));
        app.function(encodeStep("probe-master", "ProbeMasterHandler", 1024, Duration.ofMinutes(5)))
                // Scene detection decodes the whole master once.
                // How many chunks the Distributed Map encodes at once (Fargate tasks or Lambda invocations).
                .function(new Function("plan-chunks", "ichibyo.functions.encode.PlanChunksHandler", 2048, longest,
                        with(encodeEnv(), "ENCODE_MAX_CONCURRENCY", Ref.literal(Integer.toString(ENCODE_MAX_CONCURRENCY))), List.of())
                        .withFfmpeg().withAccess(encodeAccess()))
                .function(encodeStep("encode-chunk", "EncodeChunkHandler", 3008, longest))
                // Downloads every chunk of a profile and writes the whole output to /tmp: too big for SnapStart's 512 MB.
                .function(encodeStep("join-output", "JoinOutputHandler", 2048, longest).withEphemeralStorage(10240))
                .function(encodeStep("verify-output", "VerifyOutputHandler", 3008, longest))
                // Downloads the output to /tmp to cut it into HLS segments: no SnapStart.
                .function(encodeStep("package-output", "PackageOutputHandler", 2048, longest).withEphemeralStorage(10240))
                .function(new Function("place-outputs", "ichibyo.functions.encode.PlaceOutputsHandler", 512, Duration.ofMinutes(5),
                        encodeEnv(), List.of()).withAccess(encodeAccess()))
                .function(new Function("record-encode-failure", "ichibyo.functions.encode.RecordEncodeFailureHandler", 512,
                        Duration.ofSeconds(30), encodeEnv(), List.of()).withAccess(encodeAccess()))
                // GET /encodes?jobId=…: the work log of a job.
                .function(new Function("encodes", "ichibyo.functions.encode.EncodesHandler", 512, Duration.ofSeconds(10),
                        Map.of("ENCODE_JOBS_TABLE", Ref.tableName(ENCODE_JOBS_TABLE)), List.of())
                        .withHttpRoute("GET", "/encodes")
                        .withAccess(readItems(ENCODE_JOBS_TABLE)));
        Map<String, Ref> s = new java.util.TreeMap<>();
        s.put("ProbeMasterFunction", Ref.functionArn("probe-master"));
        s.put("PlanChunksFunction", Ref.functionArn("plan-chunks"));
        s.put("EncodeChunkFunction", Ref.functionArn("encode-chunk"));
        s.put("JoinOutputFunction", Ref.functionArn("join-output"));
        s.put("VerifyOutputFunction", Ref.functionArn("verify-output"));
        s.put("PlaceOutputsFunction", Ref.functionArn("place-outputs"));
        s.put("PackageOutputFunction", Ref.functionArn("package-output"));
        s.put("RecordEncodeFailureFunction", Ref.functionArn("record-encode-failure"));
        s.put("EventBus", Ref.eventBusName(EVENT_BUS));
        s.put("MediaBucket", Ref.bucketName(MEDIA_BUCKET));
        s.put("EncodeCluster", Ref.clusterArn());
        s.put("EncodeTaskDefinition", Ref.taskDefinitionArn(ENCODE_CHUNK_TASK));
        s.put("EncodeCapacityProvider", Ref.capacityProvider(ENCODE_CHUNK_TASK));
        s.put("EncodeSubnets", Ref.taskSubnets());
        s.put("EncodeSecurityGroup", Ref.taskSecurityGroup());
        s.put("EncodeContainer", Ref.literal(encodeChunkTask().containerName()));
        // How long a Fargate chunk may go without a heartbeat before it is failed and rerun (the task beats every third of it).
        s.put("EncodeHeartbeatSeconds", Ref.literal(Integer.toString(ENCODE_HEARTBEAT_SECONDS)));
        app.task(encodeChunkTask());
        app.stateMachine(new StateMachine(ENCODE, "statemachines/encode.asl.json", StateMachine.Type.STANDARD, s)
                .withAccess(invoke("probe-master"), invoke("plan-chunks"), invoke("encode-chunk"), invoke("join-output"),
                        invoke("verify-output"), invoke("place-outputs"), invoke("package-output"), invoke("record-encode-failure"),
                        // The Distributed Map reads the work items and writes its children's results under the job.
                        read(MEDIA_BUCKET, ENCODES), write(MEDIA_BUCKET, ENCODES), putEvents(EVENT_BUS), run(ENCODE_CHUNK_TASK)));
        // POST /encodes: starts a job under its deterministic execution name (the same job started twice is one).
        app.function(new Function("start-encode", "ichibyo.functions.encode.StartEncodeHandler", 512, Duration.ofSeconds(10),
                Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET), "ENCODE_STATE_MACHINE", Ref.stateMachineArn(ENCODE),
                        "ENCODE_PROFILES_TABLE", Ref.tableName(ENCODE_PROFILES_TABLE)), List.of())
                .withHttpRoute("POST", "/encodes")
                // Finds the master, pins the profile set's current version, starts the job's execution.
                .withAccess(read(MEDIA_BUCKET, MASTERS), readItems(ENCODE_PROFILES_TABLE), start(ENCODE)));
        // A master arriving under masters/{contentId}/ starts its job as POST /encodes does, under the same execution name;
        // an upload without x-amz-meta-profile-set gets the default set (ProfileCatalog.DEFAULT_SET).
        Duration arrivedTimeout = Duration.ofSeconds(30);
        app.queue(new Queue(MASTER_ARRIVED_QUEUE, arrivedTimeout.multipliedBy(6), Duration.ofDays(4), new Queue.DeadLetter(MASTER_ARRIVED_DLQ, 5)))
                .queue(Queue.deadLetterQueue(MASTER_ARRIVED_DLQ))
                .notification(new ObjectCreatedNotification(MEDIA_BUCKET, MASTERS, "", MASTER_ARRIVED_QUEUE))
                .function(new Function("master-arrived", "ichibyo.functions.encode.MasterArrivedHandler", 512, arrivedTimeout,
                        Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET), "ENCODE_STATE_MACHINE", Ref.stateMachineArn(ENCODE),
                                "ENCODE_PROFILES_TABLE", Ref.tableName(ENCODE_PROFILES_TABLE),
                                "ENCODE_DEFAULT_PROFILE_SET", Ref.literal("apple-hls")),
                        List.of(new SqsEventSource(MASTER_ARRIVED_QUEUE, 10, Duration.ofSeconds(1), true)))
                        // Reads the master's metadata (its profile set) and the set's version, starts the job's execution.
                        .withAccess(consume(MASTER_ARRIVED_QUEUE), read(MEDIA_BUCKET, MASTERS), readItems(ENCODE_PROFILES_TABLE), start(ENCODE)));
        rescue(app);
        // Every EncodeFailed (after the retries, or settled by the rescue) is an alert.
        app.topic(new Topic(ENCODE_ALERTS_TOPIC));
        app.eventRule(new EventRule("encode-failed-alert", EVENT_BUS, "ichibyo.encode", List.of("EncodeFailed"), ENCODE_ALERTS_TOPIC));
    }

    /**
     * The scheduled rescue: every 15 minutes, jobs the work log calls RUNNING whose execution ended are settled as the
     * execution ended (and a failure announced), chunks left RUNNING abandoned or failed.
     */
    private static void rescue(AppDescription.Builder app) {
        app.function(new Function(RESCUE_ENCODES, "ichibyo.functions.encode.RescueEncodesHandler", 512, Duration.ofMinutes(5),
                Map.of("ENCODE_JOBS_TABLE", Ref.tableName(ENCODE_JOBS_TABLE), "ENCODE_STATE_MACHINE", Ref.stateMachineArn(ENCODE),
                        "EVENT_BUS", Ref.eventBusName(EVENT_BUS)), List.of())
                // Scans the log for RUNNING records and settles them (conditional writes), reads how encode executions ended, announces EncodeFailed.
                .withAccess(readItems(ENCODE_JOBS_TABLE), writeItems(ENCODE_JOBS_TABLE), describeExecutions(ENCODE), putEvents(EVENT_BUS)));
        app.stateMachine(new StateMachine(RESCUE_ENCODES, "statemachines/rescue-encodes.asl.json", StateMachine.Type.STANDARD,
                Map.of("RescueEncodesFunction", Ref.functionArn(RESCUE_ENCODES))).withAccess(invoke(RESCUE_ENCODES)));
        app.schedule(new Schedule(RESCUE_ENCODES, "rate(15 minutes)", "UTC", RESCUE_ENCODES, "{}", 0));
    }

    /**
     * A step of the encoding workflow. Its variables are named ENCODE_* (one JVM runs every function locally, so a
     * name means one thing for all); limits not set take EncodeSteps' defaults.
     */
    private static Function encodeStep(String name, String handler, int memoryMb, Duration timeout) {
        return new Function(name, "ichibyo.functions.encode." + handler, memoryMb, timeout, encodeEnv(), List.of()).withFfmpeg()
                .withAccess(encodeAccess());
    }

    /**
     * What the encoding steps share (EncodeSteps): the masters read, the job's work under encodes/ read and
     * written, outputs placed under deliveries/, the work log read and written, the pinned profile set read.
     */
    private static Access[] encodeAccess() {
        return new Access[] {read(MEDIA_BUCKET, MASTERS), read(MEDIA_BUCKET, ENCODES), write(MEDIA_BUCKET, ENCODES),
                write(MEDIA_BUCKET, DELIVERIES), readItems(ENCODE_JOBS_TABLE), writeItems(ENCODE_JOBS_TABLE), readItems(ENCODE_PROFILES_TABLE)};
    }

    /** The encode-chunk step in a container: 4 vCPU, 8 GB, Spot (a chunk is small enough to redo). */
    private static FargateTask encodeChunkTask() {
        return FargateTask.taskMain(ENCODE_CHUNK_TASK, encodeEnv(), 4096, 8192).withSpot(true).withAccess(encodeAccess());
    }

    private static Map<String, Ref> encodeEnv() {
        return Map.of("MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET), "ENCODE_JOBS_TABLE", Ref.tableName(ENCODE_JOBS_TABLE),
                "ENCODE_PROFILES_TABLE", Ref.tableName(ENCODE_PROFILES_TABLE));
    }
}
