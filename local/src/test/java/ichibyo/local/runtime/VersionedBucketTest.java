package ichibyo.local.runtime;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Queue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

class VersionedBucketTest {
    @TempDir
    Path data;

    @Test
    void versionedBucket_startsEvenWhereS3ProxyCannotVersion_andEventsCarryAVersionIdOnlyWhenThereIsOne() throws Exception {
        AppDescription app = new AppDescription(List.of(new Bucket("versioned", true)), List.of(),
                List.of(new Queue("vq", Duration.ofSeconds(30), Duration.ofDays(1), null)),
                List.of(new ObjectCreatedNotification("versioned", "", "", "vq")), List.of(), List.of(), List.of(), List.of(), List.of());
        try (LocalRuntime r = LocalRuntime.start(new RuntimeOptions(app, data, false, data, 0, 0, 0, 0, 0, 0))) {
            String version = r.s3().putObject(b -> b.bucket("versioned").key("k"), RequestBody.fromString("x")).versionId();
            System.out.println("versionId from put: " + version + ", versioning: " + r.s3().getBucketVersioning(b -> b.bucket("versioned")).statusAsString());
            var m = r.sqs().receiveMessage(b -> b.queueUrl(r.names().queueUrl("vq")).waitTimeSeconds(10)).messages();
            System.out.println("event: " + m.get(0).body());
            var object = Json.mapper().readTree(m.get(0).body()).at("/Records/0/s3/object");
            if (version != null && !version.equals("null")) {
                assertThat(object.path("versionId").asText()).isEqualTo(version);
            } else {
                assertThat(object.has("versionId")).isFalse();
            }
        }
    }
}
