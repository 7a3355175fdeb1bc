package ichibyo.local.runtime.http;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions' HTTP routes on the local runtime answer as API Gateway's HTTP API (payload format 2.0). */
class LocalHttpApiTest {

    static final ObjectMapper JSON = Json.mapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static LocalRuntime runtime;

    @BeforeAll
    static void up() {
        Function echo = new Function("echo", EchoHandler.class.getName(), 256, Duration.ofSeconds(10), Map.of(), List.of())
                .withHttpRoute("POST", "/echo").withHttpRoute("GET", "/broken").withHttpRoute("PUT", "/items/{id}/parts/{part}");
        AppDescription app = new AppDescription(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(echo),
                List.of(), List.of(), List.of());
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app));
    }

    @AfterAll
    static void down() {
        runtime.close();
    }

    /** Sends the request signed in as a local test user, as every caller of the API is. */
    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + runtime.tokens().issue("tanaka-haruto")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI api(String pathAndQuery) {
        return URI.create(runtime.endpoints().api() + pathAndQuery);
    }

    @Test
    void route_invokesItsFunctionWithThePayload2Event_andAnswersWithItsResponse() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(api("/echo?size=10&tag=a&tag=b"))
                .header("Content-Type", "application/json").header("X-Family", "tanaka")
                .POST(HttpRequest.BodyPublishers.ofString("{\"familyId\":\"tanaka\"}")));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Route")).contains("POST /echo");
        JsonNode event = JSON.readTree(r.body());
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /echo");
        assertThat(event.path("rawPath").asText()).isEqualTo("/echo");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("size=10&tag=a&tag=b");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b");
        assertThat(event.path("headers").path("x-family").asText()).isEqualTo("tanaka");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(event.path("body").asText()).isEqualTo("{\"familyId\":\"tanaka\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryBody_arrivesBase64Encoded_andABase64ResponseGoesOutAsBytes() throws Exception {
        byte[] bytes = {0, (byte) 0xff, 1, (byte) 0x80, 42};
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(api("/echo"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes);
    }

    @Test
    void aRouteWithParameters_takesOneWholeSegmentEach_andPassesThemDecodedAsPathParameters() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(api("/items/hls-1080p/parts/a%20b")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode event = JSON.readTree(r.body());
        assertThat(event.path("routeKey").asText()).isEqualTo("PUT /items/{id}/parts/{part}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/items/hls-1080p/parts/a%20b");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("hls-1080p");
        assertThat(event.path("pathParameters").path("part").asText()).isEqualTo("a b");
        assertThat(send(HttpRequest.newBuilder(api("/items//parts/x")).PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(api("/items/a/b/parts/x")).PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(api("/items/a/parts/x")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownRouteOrMethod_isNotFound() throws Exception {
        assertThat(send(HttpRequest.newBuilder(api("/nothing-here")).GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(api("/echo")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void failingFunction_isAnInternalServerError() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(api("/broken")).GET());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(new String(r.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
}
