package ichibyo.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON lines an invocation writes: Powertools' Lambda context, the invocation's keys, each line's fields, EMF metrics. */
class InvocationTest {

    @Test
    void logLinesCarryTheLambdaContextTheFamilyAndTheExecution() throws Exception {
        List<JsonNode> lines = captured(() -> Invocation.run(new TestContext(), "family-0001", "quarterly-2026-Q4", () -> {
            Log.info("movie delivered", "deliveryId", "d-1", "clips", 12);
            Log.error("family failed", "error", new IllegalStateException("no moments"));
            Invocation.count("deliver-movie", "MoviesDelivered");
            return null;
        }));
        JsonNode delivered = lines.stream().filter(l -> "movie delivered".equals(l.path("message").asText())).findFirst().orElseThrow();
        assertThat(delivered.path("level").asText()).isEqualTo("INFO");
        assertThat(delivered.path("function_request_id").asText()).isEqualTo("req-42");
        assertThat(delivered.path("function_name").asText()).isEqualTo("deliver-movie");
        assertThat(delivered.path("function_version").asText()).isEqualTo("7");
        assertThat(delivered.has("cold_start")).isTrue();
        assertThat(delivered.path("familyId").asText()).isEqualTo("family-0001");
        assertThat(delivered.path("execution").asText()).isEqualTo("quarterly-2026-Q4");
        assertThat(delivered.path("deliveryId").asText()).isEqualTo("d-1");
        assertThat(delivered.path("clips").asInt()).isEqualTo(12);

        JsonNode failed = lines.stream().filter(l -> "family failed".equals(l.path("message").asText())).findFirst().orElseThrow();
        assertThat(failed.path("level").asText()).isEqualTo("ERROR");
        assertThat(failed.path("error").path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.path("error").path("message").asText()).isEqualTo("no moments");

        JsonNode metric = lines.stream().filter(l -> l.has("_aws")).findFirst().orElseThrow();
        JsonNode definition = metric.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(definition.path("Namespace").asText()).isEqualTo("ichibyo");
        assertThat(definition.path("Metrics").get(0).path("Name").asText()).isEqualTo("MoviesDelivered");
        assertThat(metric.path("MoviesDelivered").asDouble()).isEqualTo(1.0);
        assertThat(metric.path("function").asText()).isEqualTo("deliver-movie");
    }

    @Test
    void afterTheInvocationLinesNoLongerCarryItsKeys() throws Exception {
        List<JsonNode> lines = captured(() -> {
            Invocation.run(null, "family-0002", "monthly-2026-11", () -> null);
            Log.info("between invocations");
            return null;
        });
        JsonNode line = lines.stream().filter(l -> "between invocations".equals(l.path("message").asText())).findFirst().orElseThrow();
        assertThat(line.has("familyId")).isFalse();
        assertThat(line.has("execution")).isFalse();
    }

    private static List<JsonNode> captured(java.util.concurrent.Callable<?> body) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.call();
        } finally {
            System.setOut(out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        System.out.print(bytes.toString(StandardCharsets.UTF_8));
        return lines;
    }

    /** What Lambda passes a handler. */
    private static final class TestContext implements Context {
        public String getAwsRequestId() { return "req-42"; }
        public String getLogGroupName() { return "/aws/lambda/deliver-movie"; }
        public String getLogStreamName() { return "2026/12/02/[7]abc"; }
        public String getFunctionName() { return "deliver-movie"; }
        public String getFunctionVersion() { return "7"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-northeast-1:123456789012:function:deliver-movie:live"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 60_000; }
        public int getMemoryLimitInMB() { return 512; }
        public LambdaLogger getLogger() { return null; }
    }
}
