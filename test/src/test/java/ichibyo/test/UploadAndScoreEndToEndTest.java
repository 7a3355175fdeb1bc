package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.media.MediaKind;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import ichibyo.functions.family.Memberships;
import ichibyo.local.runtime.auth.LocalTokens;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalNames;
import ichibyo.samples.SampleMedia;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload and scoring as a user sees them on the local runtime: {@code ichibyo-local up} runs as a
 * process (it relaunches itself with the functions' environment, so score-media runs there, never
 * in this JVM); its HTTP API ({@code POST /upload-url}) and {@code ichibyo-local invoke upload-url}
 * against it give presigned PUTs; a real photo and a broken file are PUT over plain HTTP; the S3 notification, the queue and score-media
 * turn them into catalog items and a thumbnail. Callers sign in as local test users ({@code ichibyo-local token USER}): a
 * member of one family gets no upload URL for another, and a request without a valid token none at all.
 */
class UploadAndScoreEndToEndTest {

    private static final String MAIN = "ichibyo.local.cli.Main";
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration SCORE_DEADLINE = Duration.ofSeconds(60);
    private static final String FAMILY = "family-e2e";
    /** Another family, of another user. */
    private static final String OTHER_FAMILY = "family-e2e-other";
    private static final String MEMBER = "tanaka-haruto";
    private static final String OTHER_MEMBER = "smith-emma";

    @TempDir
    static Path data;
    @TempDir
    static Path work;

    static Process up;
    static Endpoints endpoints;
    /** MEMBER's token, printed by 'ichibyo-local token'. */
    static String token;

    @BeforeAll
    static void up() throws Exception {
        // As a user runs it: './ichibyo-local up --data DIR'; its output goes to files (the test stays quiet).
        up = java("up", "--data", data.toString()).redirectOutput(work.resolve("up.out").toFile())
                .redirectError(work.resolve("up.err").toFile()).start();
        List<String> lines = awaitLine(work.resolve("up.out"), "Ctrl-C", START_DEADLINE);
        String s3 = exported(lines, "AWS_ENDPOINT_URL_S3");
        String dynamodb = exported(lines, "AWS_ENDPOINT_URL_DYNAMODB");
        endpoints = new Endpoints(URI.create(s3), URI.create(dynamodb), URI.create(exported(lines, "AWS_ENDPOINT_URL_SQS")),
                URI.create(exported(lines, "AWS_ENDPOINT_URL_SFN")), URI.create(exported(lines, "AWS_ENDPOINT_URL_EVENTBRIDGE")),
                URI.create(exported(lines, "ICHIBYO_API_URL")), LocalNames.REGION);

        // As a user signs in on the command line: TOKEN=$(./ichibyo-local token tanaka-haruto --data DIR).
        Process tokenCommand = java("token", MEMBER, "--data", data.toString()).redirectError(work.resolve("token.err").toFile()).start();
        token = new String(tokenCommand.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(tokenCommand.waitFor(60, TimeUnit.SECONDS) && tokenCommand.exitValue() == 0)
                .as("ichibyo-local token: %s", Logs.tail(work.resolve("token.err"))).isTrue();
        // Each family is created by its member, who becomes its owner.
        assertThat(postFamily(token, FAMILY, "田中家").statusCode()).isEqualTo(201);
        assertThat(postFamily(LocalTokens.of(data).issue(OTHER_MEMBER), OTHER_FAMILY, "The Smiths").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void down() throws Exception {
        if (up == null) {
            return;
        }
        up.destroy(); // SIGTERM, as Ctrl-C: 'up' stops its child JVM and the services
        if (!up.waitFor(30, TimeUnit.SECONDS)) {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
            up.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPhotoUploadedThroughUploadUrl_isScoredWithItsFacesAndThumbnail_andABrokenFileIsRejected() throws Exception {
        Path photo = SampleMedia.groupPhoto(1); // 1920×1280, 3 faces
        byte[] good = Files.readAllBytes(photo);
        byte[] broken = new byte[100];
        new Random(42).nextBytes(broken);

        upload("good-photo", good, true);
        upload("broken-file", broken, false);

        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamodb()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
             S3Client s3 = S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true).region(Region.of(endpoints.region()))
                     .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            MediaCatalog catalog = new MediaCatalog(dynamoDb, Ichibyo.CATALOG_TABLE);

            MediaItem scored = await("the catalog item of good-photo", () -> catalog.find(FAMILY, "good-photo"));
            assertThat(scored.status()).as("status; reject detail: %s", scored.rejectDetail()).isEqualTo(MediaStatus.SCORED);
            assertThat(scored.kind()).isEqualTo(MediaKind.PHOTO);
            assertThat(scored.faceCount()).isEqualTo(3);
            assertThat(scored.faceBoxes()).hasSize(3);
            assertThat(scored.width()).isEqualTo(1920);
            assertThat(scored.height()).isEqualTo(1280);
            assertThat(scored.score()).isBetween(0.0, 1.0);
            assertThat(scored.source().key()).isEqualTo("originals/" + FAMILY + "/good-photo.jpg");
            String thumbnail = new OriginalKey(FAMILY, "good-photo", "jpg").thumbnailKey();
            assertThat(scored.thumbnailKey()).isEqualTo(thumbnail).startsWith("derived/");
            var head = s3.headObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(thumbnail));
            assertThat(head.contentType()).isEqualTo("image/jpeg");
            assertThat(head.contentLength()).isPositive();

            MediaItem rejected = await("the catalog item of broken-file", () -> catalog.find(FAMILY, "broken-file"));
            assertThat(rejected.status()).isEqualTo(MediaStatus.REJECTED);
            assertThat(rejected.rejectReason()).isEqualTo(RejectReason.NOT_MEDIA);
            assertThat(rejected.rejectDetail()).isNotBlank();
            assertThat(rejected.thumbnailKey()).isNull();
            assertThat(s3.listObjectsV2(r -> r.bucket(Ichibyo.MEDIA_BUCKET).prefix("derived/" + FAMILY + "/broken-file/")).contents())
                    .isEmpty();
        }
    }

    @Test
    void anotherFamilysUploadUrl_is403AndNothingIsWritten_andARequestWithoutAValidTokenIs401() throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("familyId", OTHER_FAMILY, "mediaId", "not-mine",
                "contentType", "image/jpeg", "contentLength", 1000));

        HttpResponse<String> refused = postUploadUrl("Bearer " + token, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(Json.mapper().readTree(refused.body()).path("error").asText()).isEqualTo("NotAFamilyMember");
        assertThat(refused.body()).doesNotContain("X-Amz-Signature");
        // Nor may the member take the other family over by writing its profile.
        HttpResponse<String> takeover = postFamily(token, OTHER_FAMILY, "Taken");
        assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(403);

        LocalTokens tokens = LocalTokens.of(data);
        assertThat(postUploadUrl(null, body).statusCode()).as("no token").isEqualTo(401);
        assertThat(postUploadUrl("Bearer " + LocalTokens.inMemory().issue(MEMBER), body).statusCode()).as("another key").isEqualTo(401);
        String expired = tokens.issue(MEMBER, java.time.Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(postUploadUrl("Bearer " + expired, body).statusCode()).as("expired").isEqualTo(401);
        // The other family's member is refused nothing of their own family.
        String own = Json.mapper().writeValueAsString(Map.of("familyId", OTHER_FAMILY, "mediaId", "mine",
                "contentType", "image/jpeg", "contentLength", 1000));
        assertThat(postUploadUrl("Bearer " + tokens.issue(OTHER_MEMBER), own).statusCode()).isEqualTo(200);

        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamodb()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
             S3Client s3 = S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true).region(Region.of(endpoints.region()))
                     .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(Ichibyo.MEDIA_BUCKET).prefix("originals/" + OTHER_FAMILY + "/")).contents()).isEmpty();
            assertThat(new MediaCatalog(dynamoDb, Ichibyo.CATALOG_TABLE).find(OTHER_FAMILY, "not-mine")).isEmpty();
            assertThat(new FamilyDirectory(dynamoDb, Ichibyo.FAMILIES_TABLE).get(OTHER_FAMILY).orElseThrow().displayName())
                    .isEqualTo("The Smiths");
            assertThat(new Memberships(dynamoDb, Ichibyo.MEMBERSHIPS_TABLE).find(MEMBER, OTHER_FAMILY)).isEmpty();
        }
    }

    private static HttpResponse<String> postUploadUrl(String authorization, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoints.api() + "/upload-url"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> postFamily(String bearer, String familyId, String displayName) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(endpoints.api() + "/families"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(
                            Map.of("familyId", familyId, "displayName", displayName)))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Asks upload-url for a presigned PUT, as a client does through the HTTP API ({@code POST
     * $ICHIBYO_API_URL/upload-url}) or as a developer does with {@code ichibyo-local invoke upload-url
     * EVENT.json} against the running 'up'; then makes the PUT.
     */
    private static void upload(String mediaId, byte[] content, boolean throughHttpApi) throws Exception {
        Map<String, Object> request = Map.of("familyId", FAMILY, "mediaId", mediaId, "contentType", "image/jpeg",
                "contentLength", content.length);
        String body = Json.mapper().writeValueAsString(request);
        JsonNode url = Json.mapper().readTree(throughHttpApi ? requestThroughHttpApi(body) : requestThroughInvoke(mediaId, body));
        assertThat(url.path("key").asText()).isEqualTo("originals/" + FAMILY + "/" + mediaId + ".jpg");
        assertThat(url.path("url").asText()).startsWith(endpoints.s3().toString());

        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url.path("url").asText()))
                .method(url.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(content));
        // Content-Length is signed too; HttpClient sends it from the body (it may not be set by hand).
        url.path("headers").properties().stream().filter(h -> !h.getKey().equalsIgnoreCase("Content-Length"))
                .forEach(h -> put.header(h.getKey(), h.getValue().asText()));
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response1 = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response1.statusCode()).as("PUT %s: %s", mediaId, response1.body()).isEqualTo(200);
        }
    }

    private static String requestThroughHttpApi(String body) throws Exception {
        HttpResponse<String> response = postUploadUrl("Bearer " + token, body);
        assertThat(response.statusCode()).as("POST /upload-url: %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return response.body();
    }

    private static String requestThroughInvoke(String mediaId, String body) throws Exception {
        // An invoked function gets what an authorizer verified only from the event (as events/upload-url-request.json has it).
        Map<String, Object> event = Map.of("version", "2.0", "routeKey", "POST /upload-url", "rawPath", "/upload-url",
                "headers", Map.of("content-type", "application/json"), "isBase64Encoded", false, "body", body,
                "requestContext", Map.of("authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", MEMBER)))));
        Path eventFile = work.resolve(mediaId + "-event.json");
        Files.writeString(eventFile, Json.mapper().writeValueAsString(event));
        Path out = work.resolve(mediaId + "-invoke.out");
        Path err = work.resolve(mediaId + "-invoke.err");
        Process invoke = java("invoke", "upload-url", eventFile.toString(), "--data", data.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = invoke.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            invoke.descendants().forEach(ProcessHandle::destroyForcibly);
            invoke.destroyForcibly();
        }
        assertThat(ended && invoke.exitValue() == 0).as("invoke upload-url ended with 0; its log: %s", Logs.tail(err)).isTrue();
        assertThat(Logs.tail(err)).as("invoke used the running 'up'").doesNotContain("no 'up' running");
        JsonNode response = Json.mapper().readTree(Files.readString(out));
        assertThat(response.path("statusCode").asInt()).as("upload-url response %s", response).isEqualTo(200);
        return response.path("body").asText();
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The lines of {@code file} up to the first that starts with {@code prefix}; fails if the deadline passes or the process ends. */
    private static List<String> awaitLine(Path file, String prefix, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<String> lines = Files.readAllLines(file);
            if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
                return lines;
            }
            if (!up.isAlive()) {
                throw new AssertionError("'up' ended with " + up.exitValue() + " before it printed '" + prefix + "'; output: "
                        + lines + "; log: " + Logs.tail(work.resolve("up.err")));
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("'up' printed no '" + prefix + "' within " + deadline + "; output: " + lines
                        + "; log: " + Logs.tail(work.resolve("up.err")));
            }
            Thread.sleep(100);
        }
    }

    private static String exported(List<String> lines, String variable) {
        String prefix = "export " + variable + "=";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("'up' printed no " + prefix + " in " + lines));
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws Exception {
        long end = System.nanoTime() + SCORE_DEADLINE.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (!up.isAlive() || System.nanoTime() > end) {
                throw new AssertionError(what + " did not appear within " + SCORE_DEADLINE + " ('up' alive: " + up.isAlive()
                        + "); log of 'up': " + Logs.tail(work.resolve("up.err")));
            }
            Thread.sleep(200);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY));
    }
}
