package ichibyo.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.local.services.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The Distributed Map's S3 access through a real S3 client, against the embedded S3 server. */
class S3ClientObjectStoreTest {

    @Test
    void putsGetsAndListsObjectsUnderAPrefix() {
        try (EmbeddedS3 server = EmbeddedS3.inMemory();
                S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(b -> b.bucket("items"));
            ObjectStore store = new S3ClientObjectStore(s3);
            store.put("items", "in/a.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
            store.put("items", "in/b.json", "[3]".getBytes(StandardCharsets.UTF_8));
            store.put("items", "out/c.json", "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(store.get("items", "in/a.json"), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
            assertThat(store.get("items", "in/missing.json")).isNull();
            assertThat(store.list("items", "in/")).extracting(ObjectStore.ObjectSummary::key).containsExactly("in/a.json", "in/b.json");
            assertThat(store.list("items", "in/").get(1).size()).isEqualTo(3);
        }
    }
}
