package ichibyo.test;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalNames;
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
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ichibyo-local up --data DIR} as a process of its own, as a user runs it (it relaunches itself in a
 * child JVM with the functions' environment: that child is the runtime), with clients for its endpoints;
 * {@link #kill()} kills the runtime as a crash would ({@code kill -9}: no shutdown hook runs).
 */
public final class RuntimeProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    public final Process up;
    public final Endpoints endpoints;
    public final Path log;
    public final S3Client s3;
    public final DynamoDbClient dynamoDb;
    public final SqsClient sqs;
    public final SfnClient sfn;

    /** The test user who signs in to the API; the runtime's own signing key under its data directory signs the tokens. */
    public static final String MEMBER = "crash-tester";
    private final String authorization;

    private RuntimeProcess(Process up, Endpoints endpoints, Path log, Path data) {
        this.authorization = "Bearer " + ichibyo.local.runtime.auth.LocalTokens.of(data).issue(MEMBER);
        this.up = up;
        this.endpoints = endpoints;
        this.log = log;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY));
        Region region = Region.of(endpoints.region());
        s3 = S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamodb()).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(endpoints.sqs()).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sfn = SfnClient.builder().endpointOverride(endpoints.sfn()).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Starts {@code up} on {@code data}; its output goes to {@code work/NAME.out} and {@code .err}. Returns once it is up. */
    public static RuntimeProcess up(Path data, Path work, String name, String... options) throws Exception {
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "ichibyo.local.cli.Main", "up", "--data", data.toString()));
        command.addAll(List.of(options));
        Process up = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            List<String> lines = Files.readAllLines(out);
            if (lines.stream().anyMatch(l -> l.startsWith("Ctrl-C"))) {
                Endpoints e = new Endpoints(URI.create(exported(lines, "AWS_ENDPOINT_URL_S3")),
                        URI.create(exported(lines, "AWS_ENDPOINT_URL_DYNAMODB")), URI.create(exported(lines, "AWS_ENDPOINT_URL_SQS")),
                        URI.create(exported(lines, "AWS_ENDPOINT_URL_SFN")), URI.create(exported(lines, "AWS_ENDPOINT_URL_EVENTBRIDGE")),
                        URI.create(exported(lines, "ICHIBYO_API_URL")), LocalNames.REGION);
                return new RuntimeProcess(up, e, err, data);
            }
            if (!up.isAlive() || System.nanoTime() > end) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
                throw new AssertionError("'up' did not come up (alive: " + up.isAlive() + "); output: " + lines + "; log: " + Logs.tail(err));
            }
            Thread.sleep(100);
        }
    }

    /** POST /families as {@link #MEMBER}, who becomes its owner (201), or updates it as its owner (200); fails otherwise. */
    public void createFamily(HttpClient http, String familyId, String displayName) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(endpoints.api() + "/families"))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("familyId", familyId,
                        "displayName", displayName)))).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw new AssertionError("POST /families for " + familyId + ": " + created.statusCode() + " " + created.body());
        }
    }

    /** POST /upload-url, then the presigned PUT, as a client uploads; fails unless both answer 200. */
    public void upload(HttpClient http, String family, String mediaId, byte[] content) throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("familyId", family, "mediaId", mediaId, "contentType", "image/jpeg",
                "contentLength", content.length));
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(endpoints.api() + "/upload-url"))
                .header("Content-Type", "application/json").header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 200) {
            throw new AssertionError("POST /upload-url for " + mediaId + ": " + issued.statusCode() + " " + issued.body());
        }
        JsonNode url = Json.mapper().readTree(issued.body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url.path("url").asText()))
                .method(url.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(content));
        // Content-Length is signed too; HttpClient sends it from the body (it may not be set by hand).
        url.path("headers").properties().stream().filter(h -> !h.getKey().equalsIgnoreCase("Content-Length"))
                .forEach(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (stored.statusCode() != 200) {
            throw new AssertionError("PUT " + mediaId + ": " + stored.statusCode() + " " + stored.body());
        }
    }

    /** A small JPEG of its own colour ({@code i} from 0), scored as a photo without faces. */
    public static byte[] photo(int i) throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(160, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(java.awt.Color.HSBtoRGB((i % 97) / 97f, 0.6f, 0.8f)));
        g.fillRect(0, 0, 160, 120);
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(20 + i % 80, 20, 60, 60);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static String exported(List<String> lines, String variable) {
        String prefix = "export " + variable + "=";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("'up' printed no " + prefix + " in " + lines));
    }

    public boolean alive() {
        return up.isAlive() && up.descendants().anyMatch(ProcessHandle::isAlive);
    }

    /** SIGKILL to the runtime's JVM (and anything it started), then to {@code up}: nothing is stopped in order, nothing flushed. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(up.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL on Linux, as kill -9
        up.destroyForcibly();
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
        }
        up.waitFor(10, TimeUnit.SECONDS);
        closeClients();
    }

    private void closeClients() {
        s3.close();
        dynamoDb.close();
        sqs.close();
        sfn.close();
    }

    /** As Ctrl-C: SIGTERM, the runtime stops its services; forcibly if it does not end. */
    @Override
    public void close() throws InterruptedException {
        if (!up.isAlive()) {
            return;
        }
        up.destroy();
        if (!up.waitFor(30, TimeUnit.SECONDS)) {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
            up.waitFor(10, TimeUnit.SECONDS);
        }
        closeClients();
    }
}
