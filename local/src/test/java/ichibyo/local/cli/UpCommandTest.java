package ichibyo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.Endpoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ichibyo-local up} as a user runs it: a process that prints its endpoints, serves, and stops cleanly. */
class UpCommandTest {

    @TempDir
    Path data;

    @Test
    void up_printsTheEnvironment_servesTheDescribedBuckets_andStopsCleanly() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up", "--data", data.toString());
        Process up = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Ctrl-C")) {
                    break;
                }
            }
            assertThat(lines).anyMatch(l -> l.startsWith("ichibyo-local is up in "));
            assertThat(lines).anyMatch(l -> l.startsWith("export AWS_ENDPOINT_URL_SFN=http://127.0.0.1:"));
            Endpoints endpoints = RuntimeConnection.running(data);
            assertThat(endpoints).as("runtime.properties of a live 'up'").isNotNull();
            assertThat(lines).contains("export AWS_ENDPOINT_URL_S3=" + endpoints.s3());
            // S3 checks signatures: the runtime's credentials, which 'up' exports.
            assertThat(lines).contains("export AWS_ACCESS_KEY_ID=" + Endpoints.ACCESS_KEY);
            try (S3Client s3 = S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(Ichibyo.MEDIA_BUCKET);
            }
            try (var events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder().endpointOverride(endpoints.events())
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                events.putEvents(r -> r.entries(e -> e.eventBusName(Ichibyo.EVENT_BUS).source("ichibyo.delivery")
                        .detailType("MovieDelivered").detail("{\"familyId\":\"f1\"}")));
            }
            assertThat(out.readLine()).isEqualTo("event on " + Ichibyo.EVENT_BUS + ": ichibyo.delivery MovieDelivered {\"familyId\":\"f1\"}");
        } finally {
            up.destroy(); // SIGTERM, as Ctrl-C ends it: the shutdown hooks stop the services
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(data.resolve(RuntimeConnection.FILE))).as("runtime.properties removed").isFalse();
        assertThat(data.resolve("s3").resolve(Ichibyo.MEDIA_BUCKET)).isDirectory();
    }
}
