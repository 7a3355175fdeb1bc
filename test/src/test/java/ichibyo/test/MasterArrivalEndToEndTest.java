package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A master arriving under {@code masters/{contentId}/} starts its job (S3 ObjectCreated → the master-arrived queue →
 * master-arrived), on the local runtime with real FFmpeg: a multipart upload naming the {@code preview} set in its
 * metadata, then {@code POST /encodes} naming the same content and set, make exactly one job, which succeeds. An upload
 * naming a profile set that does not exist starts nothing, and its event is not retried.
 */
class MasterArrivalEndToEndTest {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Path master;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeOptions.of(data));
        master = work.resolve("master.mp4");
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=24:duration=3",
                "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=3", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", master.toString()), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aMultipartUploadUnderMasters_andAPostNamingIt_areOneJob() throws Exception {
        multipartUpload("masters/arrived-1/master.mp4", "preview");
        HttpResponse<String> posted = post("{\"contentId\":\"arrived-1\",\"profileSet\":\"preview\"}");
        assertThat(posted.statusCode()).as(posted.body()).isIn(200, 202);
        JsonNode job = Json.mapper().readTree(posted.body());
        assertThat(job.path("jobId").asText()).isEqualTo("arrived-1-preview-v1");

        awaitQueueDrained();
        ExecutionListItem only = awaitOnlyExecution("arrived-1");
        assertThat(only.name()).isEqualTo("arrived-1-preview-v1");
        assertThat(only.executionArn()).isEqualTo(job.path("executionArn").asText());
        assertThat(only.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.mapper().readTree(runtime.sfn().describeExecution(d -> d.executionArn(only.executionArn())).output());
        assertThat(output.path("masterKey").asText()).isEqualTo("masters/arrived-1/master.mp4");
        assertThat(output.path("outputs")).hasSize(2).allSatisfy(o -> assertThat(o.path("frames").asInt()).isEqualTo(72));
        // Started once more (a repeated event, a second POST): still the one job.
        assertThat(post("{\"contentId\":\"arrived-1\",\"profileSet\":\"preview\"}").statusCode()).isEqualTo(200);
        assertThat(executions("arrived-1")).hasSize(1);
    }

    @Test
    void anUploadNamingAnUnknownProfileSet_startsNothing_andIsNotRetried() throws Exception {
        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key("masters/arrived-2/master.mp4").metadata(Map.of("profile-set", "betamax")),
                RequestBody.fromFile(master));
        awaitQueueDrained();
        assertThat(executions("arrived-2")).isEmpty();
        assertThat(messages(Ichibyo.MASTER_ARRIVED_DLQ)).isZero();
    }

    /** CreateMultipartUpload with the metadata, one part (the last part may be under 5 MB), CompleteMultipartUpload. */
    static void multipartUpload(String key, String profileSet) throws Exception {
        var s3 = runtime.s3();
        String uploadId = s3.createMultipartUpload(c -> c.bucket(Ichibyo.MEDIA_BUCKET).key(key).contentType("video/mp4")
                .metadata(Map.of("profile-set", profileSet))).uploadId();
        String eTag = s3.uploadPart(u -> u.bucket(Ichibyo.MEDIA_BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(Files.readAllBytes(master))).eTag();
        s3.completeMultipartUpload(c -> c.bucket(Ichibyo.MEDIA_BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));
        assertThat(s3.headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key(key)).metadata()).containsEntry("profile-set", profileSet);
    }

    /** Until master-arrived has taken every message of its queue (none visible or in flight). */
    static void awaitQueueDrained() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        Thread.sleep(500); // S3 sends its event after the write returns
        while (messages(Ichibyo.MASTER_ARRIVED_QUEUE) > 0) {
            assertThat(Instant.now()).as("master-arrived's queue still holds messages").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    static int messages(String queue) {
        Map<QueueAttributeName, String> a = runtime.sqs().getQueueAttributes(g -> g.queueUrl(runtime.names().queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static List<ExecutionListItem> executions(String contentId) {
        return runtime.sfn().listExecutions(r -> r.stateMachineArn(runtime.names().stateMachineArn(Ichibyo.ENCODE))).executions().stream()
                .filter(e -> e.name().startsWith(contentId + "-")).toList();
    }

    /** The content's one execution, once it has ended. */
    static ExecutionListItem awaitOnlyExecution(String contentId) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            List<ExecutionListItem> found = executions(contentId);
            assertThat(found).as("executions of %s", contentId).hasSizeLessThanOrEqualTo(1);
            if (found.size() == 1 && found.getFirst().status() != ExecutionStatus.RUNNING) {
                return found.getFirst();
            }
            assertThat(Instant.now()).as("the job of %s still running", contentId).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    static HttpResponse<String> post(String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/encodes"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + runtime.tokens().issueOperator("encode-operator"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
