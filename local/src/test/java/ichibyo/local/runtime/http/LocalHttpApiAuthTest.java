package ichibyo.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.core.Json;
import ichibyo.local.cli.Main;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.runtime.auth.InvalidTokenException;
import ichibyo.local.runtime.auth.LocalTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local HTTP API verifies bearer tokens as API Gateway's JWT authorizer does, with the data
 * directory's key, and passes the verified claims where API Gateway puts them.
 */
class LocalHttpApiAuthTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static LocalRuntime runtime;

    @BeforeAll
    static void up() {
        Function echo = new Function("echo", EchoHandler.class.getName(), 256, Duration.ofSeconds(10), Map.of(), List.of())
                .withHttpRoute("POST", "/echo");
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(new AppDescription(List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(echo), List.of(), List.of(), List.of())));
    }

    @AfterAll
    static void down() {
        runtime.close();
    }

    private static HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/echo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"familyId\":\"tanaka\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).as(why).isEqualTo(401);
        assertThat(r.body()).as(why).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(r.headers().firstValue("WWW-Authenticate")).as(why).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
    }

    @Test
    void validToken_reachesTheFunction_withItsClaimsWhereApiGatewayPutsThem() throws Exception {
        Instant issued = Instant.now();
        HttpResponse<String> r = post("Bearer " + runtime.tokens().issue("tanaka-haruto", issued, Duration.ofMinutes(5)));

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode jwt = Json.mapper().readTree(r.body()).path("requestContext").path("authorizer").path("jwt");
        assertThat(jwt.path("claims").path("sub").asText()).isEqualTo("tanaka-haruto");
        assertThat(jwt.path("claims").path("iss").asText()).isEqualTo(LocalTokens.ISSUER);
        // API Gateway passes every claim as a string: dates as epoch seconds (a single audience is a string, as Cognito's).
        assertThat(jwt.path("claims").path("aud").asText()).isEqualTo(LocalTokens.AUDIENCE);
        assertThat(jwt.path("claims").path("exp").isTextual()).isTrue();
        assertThat(jwt.path("claims").path("exp").asText()).isEqualTo(String.valueOf(issued.plus(Duration.ofMinutes(5)).getEpochSecond()));
        assertThat(jwt.path("scopes").isNull()).isTrue();
    }

    @Test
    void requestWithoutAToken_is401_andNeverReachesTheFunction() throws Exception {
        assertUnauthorized(post(null), "no Authorization header");
        assertUnauthorized(post("Bearer "), "an empty token");
        assertUnauthorized(post("Bearer not.a.jwt"), "not a JWT");
        assertUnauthorized(post("Bearer " + "x".repeat(LocalHttpApi.MAX_TOKEN_CHARS + 1)), "a header too long to be a token");
    }

    @Test
    void tokenSignedWithAnotherKey_is401() throws Exception {
        assertUnauthorized(post("Bearer " + LocalTokens.inMemory().issue("tanaka-haruto")), "another key");
    }

    @Test
    void expiredToken_is401_andSaysSo() throws Exception {
        String expired = runtime.tokens().issue("tanaka-haruto", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        HttpResponse<String> r = post("Bearer " + expired);

        assertUnauthorized(r, "expired");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).containsIgnoringCase("expired");
    }

    @Test
    void tamperedToken_is401() throws Exception {
        String[] parts = runtime.tokens().issue("tanaka-haruto").split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"ichibyo-local\",\"aud\":\"ichibyo\",\"sub\":\"smith-emma\",\"iat\":1,\"exp\":99999999999}".getBytes());
        assertUnauthorized(post("Bearer " + parts[0] + "." + otherClaims + "." + parts[2]), "claims changed after signing");
    }

    @Test
    void signingKey_isKeptUnderTheDataDirectory_ownerOnly_andTheTokenCommandSignsWithIt() throws Exception {
        Path key = data.resolve(LocalTokens.KEY_FILE);
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        // Read again (as a restarted runtime does), the same key verifies this runtime's tokens.
        assertThat(LocalTokens.of(data).verify(runtime.tokens().issue("smith-emma")).getSubject()).isEqualTo("smith-emma");

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        int status;
        try {
            status = Main.execute("token", "smith-emma", "--data", data.toString());
        } finally {
            System.setOut(out);
        }
        assertThat(status).isZero();
        HttpResponse<String> r = post("Bearer " + printed.toString().trim());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(Json.mapper().readTree(r.body()).at("/requestContext/authorizer/jwt/claims/sub").asText()).isEqualTo("smith-emma");
    }

    @Test
    void tokens_areIssuedOnlyForUsableSubjectsAndLifetimes() {
        assertThatThrownBy(() -> runtime.tokens().issue("two words")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> runtime.tokens().issue("u", Instant.now(), Duration.ofDays(31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.tokens().verify("")).isInstanceOf(InvalidTokenException.class);
        assertThat(Main.execute("token", "two words", "--data", data.toString())).isEqualTo(2);
    }
}
