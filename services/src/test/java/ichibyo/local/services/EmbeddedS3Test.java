package ichibyo.local.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class EmbeddedS3Test {

    @Test
    void withCredentials_presignedPutIsHonouredAndATamperedOneRefused() throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.start(null, 0, "local", "local-secret")) {
            StaticCredentialsProvider credentials =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));
            try (S3Client s3 = EmbeddedServicesTest.s3(server.endpoint(), credentials);
                    S3Presigner presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.EU_WEST_1)
                            .credentialsProvider(credentials)
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
                s3.createBucket(b -> b.bucket("uploads"));
                URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(o -> o.bucket("uploads").key("originals/f1/m1.jpg").contentType("image/jpeg"))).url().toURI();
                HttpClient http = HttpClient.newHttpClient();

                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).header("Content-Type", "image/jpeg")
                        .PUT(HttpRequest.BodyPublishers.ofString("jpeg bytes")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(url).header("Content-Type", "text/html")
                        .PUT(HttpRequest.BodyPublishers.ofString("<html>")).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(s3.getObjectAsBytes(b -> b.bucket("uploads").key("originals/f1/m1.jpg")).asUtf8String()).isEqualTo("jpeg bytes");
                assertThat(wrongType.statusCode()).isEqualTo(403);

                // An x-amz-* header the URL did not sign: refused as S3 refuses it, nothing replaced.
                HttpResponse<String> unsignedAcl = http.send(HttpRequest.newBuilder(url).header("Content-Type", "image/jpeg")
                        .header("x-amz-acl", "public-read").PUT(HttpRequest.BodyPublishers.ofString("other bytes")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unsignedAcl.statusCode()).isEqualTo(403);
                assertThat(unsignedAcl.body()).contains("<HeadersNotSigned>x-amz-acl</HeadersNotSigned>");
                assertThat(s3.getObjectAsBytes(b -> b.bucket("uploads").key("originals/f1/m1.jpg")).asUtf8String()).isEqualTo("jpeg bytes");
                // The SDK's own (header-signed) requests sign every x-amz-* header they send.
                s3.putObject(b -> b.bucket("uploads").key("sdk.txt").metadata(java.util.Map.of("owner", "f1")),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("by the SDK"));
                assertThat(s3.headObject(b -> b.bucket("uploads").key("sdk.txt")).metadata()).containsEntry("owner", "f1");
            }
        }
    }

    @Test
    void withCredentials_otherCredentialsAreRefused() {
        try (EmbeddedS3 server = EmbeddedS3.start(null, 0, "local", "local-secret");
                S3Client wrong = EmbeddedServicesTest.s3(server.endpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "secret")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listBuckets())
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        }
    }
}
