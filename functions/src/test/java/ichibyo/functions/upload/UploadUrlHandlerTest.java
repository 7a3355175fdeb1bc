package ichibyo.functions.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.EmbeddedAws;
import ichibyo.functions.catalog.MediaCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ichibyo.core.family.access.Membership;
import ichibyo.core.family.access.Role;
import ichibyo.functions.family.Memberships;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadUrlHandlerTest {
    private static EmbeddedAws aws;
    private static UploadUrlHandler handler;
    private static MediaCatalog catalog;
    private static Memberships memberships;
    /** The {@code sub} of the sample event's verified token (events/upload-url-request.json). */
    private static final String SAMPLE_USER = "user-0001";
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        catalog = new MediaCatalog(aws.dynamoDb, EmbeddedAws.TABLE);
        memberships = new Memberships(aws.dynamoDb, EmbeddedAws.MEMBERSHIPS_TABLE);
        handler = new UploadUrlHandler(aws.presigner, catalog, memberships, EmbeddedAws.BUCKET, 10_000_000, Duration.ofMinutes(15));
        // The sample event's caller belongs to the families these tests upload for.
        for (String family : List.of("family-0001", "fam-1", "family-1", "fam-b64", "fam-twin")) {
            memberships.put(new Membership(SAMPLE_USER, family, Role.MEMBER), Instant.now());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    private static APIGatewayV2HTTPResponse request(Object body) throws Exception {
        APIGatewayV2HTTPEvent event = sampleEvent();
        event.setBody(body instanceof String s ? s : Json.mapper().writeValueAsString(body));
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent sampleEvent() throws Exception {
        return Json.mapper().readValue(Files.readString(Path.of("../events/upload-url-request.json")), APIGatewayV2HTTPEvent.class);
    }

    private static JsonNode error(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
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

    @Test
    void missingContentType_isReportedAsMissingContentType_notAsABadId() throws Exception {
        APIGatewayV2HTTPResponse response = request("{\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"contentLength\":100}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).path("error").asText()).isEqualTo("MissingField");
        assertThat(error(response).path("field").asText()).isEqualTo("contentType");
        assertThat(error(response).path("message").asText()).isEqualTo("contentType is required");
    }

    @ParameterizedTest(name = "contentLength {0} is refused")
    @ValueSource(strings = {"10.7", "\"12\"", "1e3", "12.0", "true", "[12]", "99999999999999999999"})
    void contentLengthThatIsNotAPlainInteger_isRefused(String length) throws Exception {
        APIGatewayV2HTTPResponse response = request(
                "{\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"contentType\":\"image/jpeg\",\"contentLength\":" + length + "}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).path("error").asText()).isEqualTo("InvalidField");
        assertThat(error(response).path("field").asText()).isEqualTo("contentLength");
        assertThat(error(response).path("message").asText()).startsWith("contentLength must be a whole number");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate key | {\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"mediaId\":\"m-2\",\"contentType\":\"image/jpeg\",\"contentLength\":1} | DuplicateField",
            "trailing data | {\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"contentType\":\"image/jpeg\",\"contentLength\":1} {} | InvalidJson",
            "an array | [1,2] | InvalidJson",
            "a number id | {\"familyId\":7,\"mediaId\":\"m-1\",\"contentType\":\"image/jpeg\",\"contentLength\":1} | InvalidField",
            "an unknown field | {\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"contentType\":\"image/jpeg\",\"contentLength\":1,\"acl\":\"public-read\"} | UnknownField",
            "null type | {\"familyId\":\"fam-1\",\"mediaId\":\"m-1\",\"contentType\":null,\"contentLength\":1} | MissingField"})
    void malformedBody_isRefusedWith400(String what, String body, String expectedError) throws Exception {
        APIGatewayV2HTTPResponse response = request(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).path("error").asText()).isEqualTo(expectedError);
    }

    @Test
    void base64EncodedBody_isDecodedAsApiGatewaySendsIt() throws Exception {
        APIGatewayV2HTTPEvent event = sampleEvent();
        event.setBody(Base64.getEncoder().encodeToString(
                "{\"familyId\":\"fam-b64\",\"mediaId\":\"m-1\",\"contentType\":\"image/png\",\"contentLength\":10}"
                        .getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.getBody()).path("key").asText()).isEqualTo("originals/fam-b64/m-1.png");
    }

    @Test
    void bodyOverTheRequestLimit_isRefusedWith413BeforeParsing() throws Exception {
        String huge = "{\"familyId\":\"" + "x".repeat(UploadUrlHandler.MAX_BODY_BYTES) + "\"}";

        APIGatewayV2HTTPResponse response = request(huge);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(error(response).path("error").asText()).isEqualTo("BodyTooLarge");
    }

    @Test
    void mediaIdAlreadyUsedWithAnotherExtension_isRefusedWith409_andTheSameKeyAgainIsAllowed() throws Exception {
        OriginalKey first = new OriginalKey("fam-twin", "twin", "jpg");
        MediaItem item = MediaItem.rejected(first, new SourceObject(EmbeddedAws.BUCKET, first.key(), "e1", null, "01"),
                RejectReason.EMPTY, "empty", Instant.now(), Instant.now());
        assertThat(catalog.save(item, null)).isTrue();

        APIGatewayV2HTTPResponse video = request(upload("fam-twin", "twin", "video/mp4", 100));
        APIGatewayV2HTTPResponse again = request(upload("fam-twin", "twin", "image/jpeg", 100));

        assertThat(video.getStatusCode()).isEqualTo(409);
        assertThat(error(video).path("error").asText()).isEqualTo("DuplicateMediaId");
        assertThat(error(video).path("field").asText()).isEqualTo("mediaId");
        assertThat(error(video).path("message").asText()).contains("originals/fam-twin/twin.jpg");
        assertThat(again.getStatusCode()).isEqualTo(200);
    }

    @Test
    void sampleEvent_carriesTheCallerTheAuthorizerVerified() throws Exception {
        assertThat(sampleEvent().getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", SAMPLE_USER);
    }

    @Test
    void anotherFamilysUploadUrl_isRefusedWith403_andNothingIsPresignedOrWritten() throws Exception {
        memberships.put(new Membership("someone-else", "fam-other", Role.OWNER), Instant.now());

        APIGatewayV2HTTPResponse response = request(upload("fam-other", "m-1", "image/jpeg", 100));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(error(response).path("error").asText()).isEqualTo("NotAFamilyMember");
        assertThat(error(response).path("field").asText()).isEqualTo("familyId");
        assertThat(response.getBody()).doesNotContain("X-Amz-Signature").doesNotContain("originals/");
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(EmbeddedAws.BUCKET).prefix("originals/fam-other/")).keyCount()).isZero();
        assertThat(catalog.find("fam-other", "m-1")).isEmpty();
        assertThat(memberships.find(SAMPLE_USER, "fam-other")).isEmpty();
    }

    @Test
    void requestWithoutVerifiedClaims_isRefusedWith401() throws Exception {
        APIGatewayV2HTTPEvent event = sampleEvent();
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(error(response).path("error").asText()).isEqualTo("Unauthenticated");
        assertThat(response.getBody()).doesNotContain("X-Amz-Signature");
    }
}
