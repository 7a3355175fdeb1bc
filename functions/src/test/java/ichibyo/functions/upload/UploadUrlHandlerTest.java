package ichibyo.functions.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.functions.EmbeddedAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadUrlHandlerTest {
    private static EmbeddedAws aws;
    private static UploadUrlHandler handler;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        handler = new UploadUrlHandler(aws.presigner, EmbeddedAws.BUCKET, 10_000_000, Duration.ofMinutes(15));
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    private static APIGatewayV2HTTPResponse request(Object body) throws Exception {
        APIGatewayV2HTTPEvent event = Json.mapper().readValue(Files.readString(Path.of("../events/upload-url-request.json")),
                APIGatewayV2HTTPEvent.class);
        event.setBody(body instanceof String s ? s : Json.mapper().writeValueAsString(body));
        return handler.handleRequest(event, null);
    }

    private static Map<String, Object> upload(String familyId, String mediaId, String contentType, Object length) {
        var body = new java.util.HashMap<String, Object>();
        body.put("familyId", familyId);
        body.put("mediaId", mediaId);
        body.put("contentType", contentType);
        body.put("contentLength", length);
        return body;
    }

    private HttpResponse<String> put(JsonNode url, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.path("url").asText()))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sampleRequest_givesAPresignedPutUnderTheFamilysOriginals() throws Exception {
        APIGatewayV2HTTPEvent event = Json.mapper().readValue(Files.readString(Path.of("../events/upload-url-request.json")),
                APIGatewayV2HTTPEvent.class);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(body.path("key").asText()).isEqualTo("originals/family-0001/01JC9Z6V8Q2M4N6P8R0T2V4X6Z.jpg");
        assertThat(body.path("method").asText()).isEqualTo("PUT");
        assertThat(body.path("headers").path("Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(body.path("headers").path("Content-Length").asText()).isEqualTo("512344");
        assertThat(body.path("expiresAt").asText()).isNotBlank();
    }

    @Test
    void presignedPut_withTheDeclaredTypeAndLength_isStored() throws Exception {
        byte[] photo = new byte[1234];
        JsonNode url = Json.mapper().readTree(request(upload("fam-1", "m-1", "image/jpeg", photo.length)).getBody());

        assertThat(put(url, "image/jpeg", photo).statusCode()).isEqualTo(200);
        assertThat(aws.s3.headObject(h -> h.bucket(EmbeddedAws.BUCKET).key("originals/fam-1/m-1.jpg")).contentLength())
                .isEqualTo(photo.length);
    }

    @Test
    void presignedPut_withAnotherContentType_isRefusedByS3() throws Exception {
        JsonNode url = Json.mapper().readTree(request(upload("fam-1", "m-2", "image/jpeg", 100)).getBody());

        assertThat(put(url, "text/html", new byte[100]).statusCode()).isEqualTo(403);
    }

    @Test
    void presignedPut_longerThanDeclared_isRefusedByS3() throws Exception {
        JsonNode url = Json.mapper().readTree(request(upload("fam-1", "m-3", "image/jpeg", 100)).getBody());

        assertThat(put(url, "image/jpeg", new byte[5000]).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "familyId \"{0}\" is refused")
    @ValueSource(strings = {"../other", "a/b", "fam\u0000ily", "", "fam.ily", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badFamilyId_isRefusedWith400(String familyId) throws Exception {
        APIGatewayV2HTTPResponse response = request(upload(familyId, "m-1", "image/jpeg", 100));

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(body.path("error").asText()).isEqualTo("InvalidId");
        assertThat(body.path("field").asText()).isEqualTo("familyId");
    }

    @Test
    void badMediaId_isRefusedWith400() throws Exception {
        APIGatewayV2HTTPResponse response = request(upload("fam-1", "../../etc/passwd", "image/jpeg", 100));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.getBody()).path("field").asText()).isEqualTo("mediaId");
    }

    @Test
    void unsupportedContentType_isRefusedWith400() throws Exception {
        APIGatewayV2HTTPResponse response = request(upload("fam-1", "m-1", "text/html", 100));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.getBody()).path("error").asText()).isEqualTo("UnsupportedContentType");
    }

    @Test
    void lengthOverTheLimit_isRefusedWith413() throws Exception {
        APIGatewayV2HTTPResponse response = request(upload("fam-1", "m-1", "video/mp4", 10_000_001));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(Json.mapper().readTree(response.getBody()).path("error").asText()).isEqualTo("TooLarge");
    }

    @Test
    void missingLength_isRefusedWith400() throws Exception {
        assertThat(request(upload("fam-1", "m-1", "video/mp4", null)).getStatusCode()).isEqualTo(400);
    }

    @Test
    void bodyThatIsNotJson_isRefusedWith400() throws Exception {
        assertThat(request("not json").getStatusCode()).isEqualTo(400);
    }

    @Test
    void primingForSnapStart_writesNothing_andLeavesTheHandlerAnsweringAsBefore() throws Exception {
        int objectsBefore = aws.s3.listObjectsV2(r -> r.bucket(EmbeddedAws.BUCKET)).keyCount();

        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        assertThat(aws.s3.listObjectsV2(r -> r.bucket(EmbeddedAws.BUCKET)).keyCount()).isEqualTo(objectsBefore);
        APIGatewayV2HTTPResponse response = request(upload("family-1", "after-restore", "image/jpeg", 1234));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("originals/family-1/after-restore.jpg");
    }
}
