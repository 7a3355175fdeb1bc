package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The local runtime's S3 checks SigV4 as S3 does: the presigned PUT that upload-url gives (through the
 * HTTP API) stores the object only when sent as signed; any change to what was signed (content type,
 * length, key, date, expiry, signature), an x-amz-* header that was not signed, no signature, a wrong
 * secret or an expired URL is a 403 and nothing is written.
 */
class PresignedUploadTamperingEndToEndTest {

    private static final String FAMILY = "fam-a";
    private static final byte[] PHOTO = "not really a jpeg, but of the declared length".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path data;
    static LocalRuntime runtime;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String token;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(RuntimeOptions.of(data));
        // upload-url presigns only for a member of the family: the caller creates it, so owns it.
        token = runtime.tokens().issue("fam-a-owner");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/families"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"familyId\":\"" + FAMILY + "\",\"displayName\":\"Family A\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as("POST /families: %s", created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theUntamperedPut_isStored() throws Exception {
        JsonNode url = uploadUrl("as-signed");

        assertThat(put(url.path("url").asText(), "image/jpeg", PHOTO, Map.of()).statusCode()).isEqualTo(200);
        assertThat(runtime.s3().headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key(url.path("key").asText())).contentLength())
                .isEqualTo(PHOTO.length);
    }

    @Test
    void anotherContentType_isRefused() throws Exception {
        JsonNode url = uploadUrl("other-type");
        assertRefused(put(url.path("url").asText(), "text/html", PHOTO, Map.of()), url.path("key").asText());
    }

    @Test
    void anotherLength_isRefused() throws Exception {
        JsonNode url = uploadUrl("other-length");
        byte[] longer = new byte[PHOTO.length + 1000];
        assertRefused(put(url.path("url").asText(), "image/jpeg", longer, Map.of()), url.path("key").asText());
        byte[] shorter = new byte[PHOTO.length - 1];
        assertRefused(put(url.path("url").asText(), "image/jpeg", shorter, Map.of()), url.path("key").asText());
    }

    @Test
    void anotherKey_inAnotherFamily_isRefused() throws Exception {
        JsonNode url = uploadUrl("other-key");
        String tampered = url.path("url").asText().replace("/originals/" + FAMILY + "/", "/originals/fam-b/");
        assertThat(tampered).isNotEqualTo(url.path("url").asText());
        assertRefused(put(tampered, "image/jpeg", PHOTO, Map.of()), "originals/fam-b/other-key.jpg");
        assertAbsent(url.path("key").asText());
    }

    @Test
    void aChangedDate_isRefused() throws Exception {
        JsonNode url = uploadUrl("other-date");
        String u = url.path("url").asText();
        String date = query(u, "X-Amz-Date"); // 20261202T041500Z: one second later
        char last = date.charAt(date.length() - 2);
        String later = date.substring(0, date.length() - 2) + (last == '9' ? '0' : (char) (last + 1)) + "Z";
        assertRefused(put(withQuery(u, "X-Amz-Date", later), "image/jpeg", PHOTO, Map.of()), url.path("key").asText());
    }

    @Test
    void aChangedExpiry_isRefused() throws Exception {
        JsonNode url = uploadUrl("other-expiry");
        String u = url.path("url").asText();
        assertThat(query(u, "X-Amz-Expires")).isNotEqualTo("604800");
        assertRefused(put(withQuery(u, "X-Amz-Expires", "604800"), "image/jpeg", PHOTO, Map.of()), url.path("key").asText());
    }

    @Test
    void anUnsignedAmzHeader_isRefused() throws Exception {
        JsonNode url = uploadUrl("extra-header");
        assertRefused(put(url.path("url").asText(), "image/jpeg", PHOTO, Map.of("x-amz-acl", "public-read")), url.path("key").asText());
        assertRefused(put(url.path("url").asText(), "image/jpeg", PHOTO, Map.of("x-amz-meta-owner", "fam-b")), url.path("key").asText());
    }

    @Test
    void aFlippedSignatureCharacter_isRefused() throws Exception {
        JsonNode url = uploadUrl("flipped");
        String u = url.path("url").asText();
        String signature = query(u, "X-Amz-Signature");
        char first = signature.charAt(0);
        String flipped = (first == 'a' ? 'b' : 'a') + signature.substring(1);
        assertRefused(put(withQuery(u, "X-Amz-Signature", flipped), "image/jpeg", PHOTO, Map.of()), url.path("key").asText());
    }

    @Test
    void noSignatureAtAll_isRefused() throws Exception {
        JsonNode url = uploadUrl("unsigned");
        String plain = url.path("url").asText().substring(0, url.path("url").asText().indexOf('?'));
        assertRefused(put(plain, "image/jpeg", PHOTO, Map.of()), url.path("key").asText());
    }

    @Test
    void aUrlSignedWithAnotherSecret_isRefused() throws Exception {
        String key = "originals/" + FAMILY + "/wrong-secret.jpg";
        String url = presign(key, Endpoints.SECRET_KEY + "-guessed", Duration.ofMinutes(5));
        assertRefused(put(url, "image/jpeg", PHOTO, Map.of()), key);
        // The same request signed with the right secret is accepted: only the secret differed.
        assertThat(put(presign(key, Endpoints.SECRET_KEY, Duration.ofMinutes(5)), "image/jpeg", PHOTO, Map.of()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anExpiredUrl_isRefused() throws Exception {
        String key = "originals/" + FAMILY + "/expired.jpg";
        String url = presign(key, Endpoints.SECRET_KEY, Duration.ofSeconds(1));
        Thread.sleep(2_100); // past its expiry
        assertRefused(put(url, "image/jpeg", PHOTO, Map.of()), key);
    }

    /** What upload-url gives for a JPEG of {@link #PHOTO}'s length, through the HTTP API. */
    private static JsonNode uploadUrl(String mediaId) throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("familyId", FAMILY, "mediaId", mediaId, "contentType", "image/jpeg",
                "contentLength", PHOTO.length));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/upload-url"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /upload-url: %s", response.body()).isEqualTo(200);
        JsonNode url = Json.mapper().readTree(response.body());
        assertThat(url.path("headers").path("Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(url.path("headers").path("Content-Length").asText()).isEqualTo(Integer.toString(PHOTO.length));
        return url;
    }

    /** A presigned PUT of a JPEG of {@link #PHOTO}'s length, signed with the runtime's access key and {@code secret}. */
    private static String presign(String key, String secret, Duration ttl) {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(runtime.endpoints().s3()).region(Region.of(runtime.endpoints().region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, secret))).build()) {
            return presigner.presignPutObject(p -> p.signatureDuration(ttl).putObjectRequest(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key)
                    .contentType("image/jpeg").contentLength((long) PHOTO.length))).url().toString();
        }
    }

    private static HttpResponse<String> put(String url, String contentType, byte[] body, Map<String, String> extraHeaders)
            throws Exception {
        // Content-Length comes from the body (HttpClient does not let it be set by hand).
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        extraHeaders.forEach(put::header);
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, String key) {
        assertThat(response.statusCode()).as("PUT %s: %s", key, response.body()).isEqualTo(403);
        assertAbsent(key);
    }

    private static void assertAbsent(String key) {
        try {
            runtime.s3().headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key(key));
            throw new AssertionError(key + " was written");
        } catch (NoSuchKeyException e) {
            // nothing written
        }
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static String withQuery(String url, String name, String value) {
        UnaryOperator<String> replace = pair -> pair.startsWith(name + "=") ? name + "=" + value : pair;
        String base = url.substring(0, url.indexOf('?') + 1);
        return base + String.join("&", java.util.Arrays.stream(URI.create(url).getRawQuery().split("&")).map(replace).toList());
    }
}
