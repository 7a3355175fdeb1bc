package ichibyo.functions.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.Json;
import ichibyo.core.catalog.CatalogGaps;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.StrayOriginal;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.TransientFailureException;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.delivery.InvalidStepInputException;
import ichibyo.functions.delivery.StepHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * reconcile-originals: heals lost S3 events. Lists {@code originals/} (a page of 1,000 keys at a time, at
 * most {@code maxObjects} per invocation), finds the originals the catalog lacks ({@link CatalogGaps}: no
 * item, or an item of an earlier version) and sends each one's {@code ObjectCreated} event to score-media's
 * queue, the way S3 would have: scoring takes them like any event, idempotently, so an event that was only
 * late is scored once. Its result names where to go on ({@code nextStartAfter}) when the listing was cut.
 * Run by its schedule on AWS and on every start of the local runtime. Configuration: {@code MEDIA_BUCKET},
 * {@code CATALOG_TABLE}, {@code SCORE_MEDIA_QUEUE_URL}.
 */
public final class ReconcileOriginalsHandler extends StepHandler<ReconcileOriginalsHandler.Request, ReconcileOriginalsHandler.Result> {
    /** Keys listed per invocation unless the request says otherwise, and the most it may say. */
    static final int DEFAULT_MAX_OBJECTS = 10_000;
    static final int MAX_OBJECTS = 100_000;
    private static final int PAGE = 1000;

    /**
     * @param startAfter the key to list after (a previous result's {@code nextStartAfter}), or null for the start
     * @param maxObjects keys to list at most (1–100,000), or null for 10,000
     */
    public record Request(String startAfter, Integer maxObjects) {}

    /**
     * @param nextStartAfter where the next invocation goes on, or null when the listing was complete
     */
    public record Result(int listed, int noItem, int olderItem, int requeued, String nextStartAfter) {}

    private final S3Client s3;
    private final SqsClient sqs;
    private final MediaCatalog catalog;
    private final String bucket;
    private final String queueUrl;
    private final String region;

    /** On Lambda: everything from the environment. */
    public ReconcileOriginalsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "reconcile-originals-first-page.json";
    }

    public ReconcileOriginalsHandler(Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), env);
    }

    private ReconcileOriginalsHandler(AwsClients aws, Map<String, String> env) {
        this(aws.s3(), SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                new MediaCatalog(aws.dynamoDb(), Env.require(env, "CATALOG_TABLE")), Env.require(env, "MEDIA_BUCKET"),
                Env.require(env, "SCORE_MEDIA_QUEUE_URL"), Env.or(env, "AWS_REGION", "us-east-1"), env);
    }

    public ReconcileOriginalsHandler(S3Client s3, SqsClient sqs, MediaCatalog catalog, String bucket, String queueUrl, String region,
            Map<String, String> env) {
        super(Request.class, "reconcile-originals", env);
        this.s3 = s3;
        this.sqs = sqs;
        this.catalog = catalog;
        this.bucket = bucket;
        this.queueUrl = queueUrl;
        this.region = region;
    }

    @Override
    protected Result handle(Request request) {
        int max = request.maxObjects() == null ? DEFAULT_MAX_OBJECTS : request.maxObjects();
        if (max < 1 || max > MAX_OBJECTS) {
            throw new InvalidStepInputException("maxObjects must be 1–" + MAX_OBJECTS + ", not " + max);
        }
        if (request.startAfter() != null && (request.startAfter().length() > 1024 || !request.startAfter().startsWith(OriginalKey.PREFIX))) {
            throw new InvalidStepInputException("startAfter must be a key under " + OriginalKey.PREFIX + " of at most 1,024 characters");
        }
        String after = request.startAfter();
        int listed = 0;
        int noItem = 0;
        int olderItem = 0;
        boolean more = true;
        while (more && listed < max) {
            String from = after;
            int want = Math.min(PAGE, max - listed);
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(OriginalKey.PREFIX).maxKeys(want).startAfter(from));
            List<CatalogGaps.Original> originals = new ArrayList<>();
            Set<String> families = new LinkedHashSet<>();
            for (S3Object o : page.contents()) {
                originals.add(new CatalogGaps.Original(o.key(), o.size(), o.lastModified(), o.eTag()));
                StrayOriginal.of(o.key()).ifPresent(s -> families.add(s.familyId()));
                after = o.key();
            }
            listed += originals.size();
            // Keys come in order, so a page holds few families: their items are read once per page.
            List<MediaItem> items = new ArrayList<>();
            families.forEach(f -> items.addAll(catalog.items(f)));
            List<CatalogGaps.Gap> gaps = CatalogGaps.find(originals, items);
            for (CatalogGaps.Gap g : gaps) {
                if (g.reason() == CatalogGaps.Reason.NO_ITEM) {
                    noItem++;
                } else {
                    olderItem++;
                }
            }
            send(gaps);
            more = Boolean.TRUE.equals(page.isTruncated()) && !page.contents().isEmpty();
        }
        Result result = new Result(listed, noItem, olderItem, noItem + olderItem, more ? after : null);
        Log.info("originals reconciled", "listed", listed, "noItem", noItem, "olderItem", olderItem,
                "nextStartAfter", result.nextStartAfter());
        return result;
    }

    /** The gaps' events to the queue, ten to a batch; an entry SQS refuses fails the invocation (retried). */
    private void send(List<CatalogGaps.Gap> gaps) {
        for (int i = 0; i < gaps.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, gaps.size()); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j - i)).messageBody(event(gaps.get(j))).build());
            }
            SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!sent.failed().isEmpty()) {
                throw new TransientFailureException("SQS refused " + sent.failed().size() + " reconciled events: "
                        + sent.failed().getFirst().message(), null);
            }
        }
    }

    /** S3's ObjectCreated notification (event version 2.1) of the original, as score-media reads it. */
    String event(CatalogGaps.Gap gap) {
        CatalogGaps.Original o = gap.original();
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", region)
                .put("eventTime", String.valueOf(o.lastModified())).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "reconcile-originals");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        String eTag = o.eTag() == null ? null : o.eTag().replace("\"", "");
        s3.putObject("object")
                // URL-encoded as S3 encodes keys (spaces as +); the slashes stay.
                .put("key", URLEncoder.encode(o.key(), StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", o.size()).put("eTag", eTag).put("sequencer", gap.sequencer());
        return root.toString();
    }

    /** SnapStart: an event built and serialised loads Jackson and the event's classes; no call is made. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        super.beforeCheckpoint(context);
        event(new CatalogGaps.Gap(new CatalogGaps.Original("originals/priming/priming.jpg", 1, java.time.Instant.EPOCH, "\"p\""),
                CatalogGaps.Reason.NO_ITEM, "0"));
    }

}
