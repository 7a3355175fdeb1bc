package ichibyo.local.sfn.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaFunction;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LambdaTaskRunnerTest {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper
    private static final String H = TestHandlers.class.getName() + "$";
    private static final LambdaRegistry REGISTRY = new LambdaRegistry()
            .register(new LambdaFunction("greeter", H + "Greeter", 1024, Duration.ofSeconds(30), Map.of()))
            .register("pricer", H + "Pricer")
            .register("shouter", H + "Shouter")
            .register("queue-reader", H + "QueueReader")
            .register("failing", H + "Failing")
            .register("overflowing", H + "StackOverflowing")
            .register("missing-class", "ichibyo.NoSuchHandler")
            .register("plain", H + "Plain::twice")
            .register(LambdaFunction.of("blocking", H + "Blocking").withTimeout(Duration.ofMinutes(15)))
            .register(new LambdaFunction("configured", H + "Configured", 512, null, Map.of("TABLE_NAME", "catalog")))
            .register(LambdaFunction.of("sleeping", H + "Sleeping").withTimeout(Duration.ofMillis(300)));
    private static final InProcessLambda LAMBDA = new InProcessLambda(REGISTRY, null, line -> { });
    private final LambdaTaskRunner runner = new LambdaTaskRunner(LAMBDA);

    @AfterAll
    static void close() {
        LAMBDA.close();
    }

    private static TaskRequest invoke(String json) throws Exception {
        return new TaskRequest("arn:aws:states:::lambda:invoke", "lambda", "invoke", IntegrationPattern.REQUEST_RESPONSE,
                false, JSON.readTree(json), null, null, () -> { }, "eu-west-1", "123456789012",
                "arn:aws:states:eu-west-1:123456789012:execution:sm:run");
    }

    private static TaskRequest bare(String arn, String payload) throws Exception {
        return new TaskRequest(arn, "lambda", "invoke", IntegrationPattern.REQUEST_RESPONSE, true, JSON.readTree(payload),
                null, null, () -> { }, "eu-west-1", "123456789012", "arn:aws:states:eu-west-1:123456789012:execution:sm:run");
    }

    @Test
    void invoke_returnsStepFunctionsResultShapeWithParsedPayload() throws Exception {
        JsonNode result = runner.run(invoke("{\"FunctionName\":\"greeter\",\"Payload\":{\"name\":\"Aiko\"}}"));

        assertThat(result.fieldNames()).toIterable()
                .containsExactly("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
        assertThat(result.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(result.get("StatusCode").asInt()).isEqualTo(200);
        JsonNode payload = result.get("Payload");
        assertThat(payload.get("greeting").asText()).isEqualTo("hello Aiko");
        assertThat(payload.get("functionName").asText()).isEqualTo("greeter");
        assertThat(payload.get("functionArn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:greeter");
        assertThat(payload.get("memory").asInt()).isEqualTo(1024);
        assertThat(payload.get("hasTimeLeft").asBoolean()).isTrue();
        assertThat(result.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(result.at("/SdkHttpMetadata/HttpHeaders/X-Amz-Executed-Version").asText()).isEqualTo("$LATEST");
        assertThat(result.at("/SdkHttpMetadata/AllHttpHeaders/x-amzn-RequestId/0").asText())
                .isEqualTo(payload.get("requestId").asText());
        assertThat(result.at("/SdkResponseMetadata/RequestId").asText()).isEqualTo(payload.get("requestId").asText());
    }

    @Test
    void invoke_reusesTheWarmInstanceAcrossSequentialInvocations() throws Exception {
        runner.run(invoke("{\"FunctionName\":\"greeter\",\"Payload\":{\"name\":\"a\"}}"));
        JsonNode second = runner.run(invoke("{\"FunctionName\":\"greeter\",\"Payload\":{\"name\":\"b\"}}"));

        assertThat(second.at("/Payload/invocationsOfThisInstance").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void invoke_acceptsArnsPartialArnsAndQualifiers() throws Exception {
        for (String name : new String[] {"arn:aws:lambda:eu-west-1:123456789012:function:greeter",
                "arn:aws:lambda:eu-west-1:123456789012:function:greeter:live", "123456789012:function:greeter",
                "greeter:7"}) {
            JsonNode result = runner.run(invoke("{\"FunctionName\":\"" + name + "\",\"Payload\":{\"name\":\"x\"}}"));
            assertThat(result.at("/Payload/greeting").asText()).as(name).isEqualTo("hello x");
        }
        JsonNode versioned = runner.run(invoke("{\"FunctionName\":\"greeter\",\"Qualifier\":\"7\",\"Payload\":{}}"));
        assertThat(versioned.get("ExecutedVersion").asText()).isEqualTo("7");
        assertThat(versioned.at("/Payload/functionArn").asText()).endsWith(":function:greeter:7");
    }

    @Test
    void bareArn_returnsThePayloadItself() throws Exception {
        JsonNode result = runner.run(bare("arn:aws:lambda:eu-west-1:123456789012:function:pricer",
                "{\"orderId\":\"o-1\",\"quantity\":3}"));

        assertThat(result).isEqualTo(JSON.readTree("{\"orderId\":\"o-1\",\"total\":15}"));
    }

    @Test
    void streamHandler_getsTheRawBytes() throws Exception {
        JsonNode result = runner.run(invoke("{\"FunctionName\":\"shouter\",\"Payload\":{\"word\":\"hi\"}}"));

        assertThat(result.get("Payload")).isEqualTo(JSON.readTree("{\"WORD\":\"HI\"}"));
    }

    @Test
    void eventTypes_areDeserialisedWithLambdasEventSerialisers() throws Exception {
        JsonNode result = runner.run(invoke("""
                {"FunctionName":"queue-reader","Payload":{"Records":[{"messageId":"m1","body":"hello",
                 "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:q"}]}}"""));

        assertThat(result.get("Payload").asText()).isEqualTo("1:hello:arn:aws:sqs:eu-west-1:123456789012:q");
    }

    @Test
    void methodHandler_isCalledByName() throws Exception {
        JsonNode result = runner.run(invoke("{\"FunctionName\":\"plain\",\"Payload\":{\"n\":21}}"));

        assertThat(result.at("/Payload/twice").asInt()).isEqualTo(42);
    }

    @Test
    void handlerWithAnEnvironmentConstructor_getsTheFunctionsEnvironment() throws Exception {
        JsonNode result = runner.run(invoke("{\"FunctionName\":\"configured\",\"Payload\":{}}"));

        assertThat(result.get("Payload")).isEqualTo(JSON.readTree(
                "{\"table\":\"catalog\",\"function\":\"configured\",\"region\":\"eu-west-1\"}"));
    }

    @Test
    void functionException_failsWithItsErrorTypeAndLambdasErrorObjectAsCause() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(invoke("{\"FunctionName\":\"failing\",\"Payload\":{\"key\":\"a.heic\"}}")));

        assertThat(e.error()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = JSON.readTree(e.cause());
        assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(cause.get("errorMessage").asText()).isEqualTo("bad media: a.heic");
        assertThat(cause.get("stackTrace").get(0).asText()).startsWith(H + "Failing.handleRequest(TestHandlers.java:");
        assertThat(cause.get("stackTrace").toString()).doesNotContain("HandlerAdapter").doesNotContain("reflect");
    }

    @Test
    void crash_failsWithLambdaUnknown() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(invoke("{\"FunctionName\":\"overflowing\",\"Payload\":{}}")));

        assertThat(e.error()).isEqualTo("Lambda.Unknown");
        assertThat(e.cause()).startsWith("The cause could not be determined because Lambda did not return an error type.")
                .contains("java.lang.StackOverflowError");
    }

    @Test
    void unloadableHandlerClass_failsWithLambdaUnknown() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(invoke("{\"FunctionName\":\"missing-class\",\"Payload\":{}}")));

        assertThat(e.error()).isEqualTo("Lambda.Unknown");
        assertThat(e.cause()).contains("ClassNotFoundException");
    }

    @Test
    void timeout_failsWithSandboxTimedout() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(invoke("{\"FunctionName\":\"sleeping\",\"Payload\":{}}")));

        assertThat(e.error()).isEqualTo("Sandbox.Timedout");
        JsonNode cause = JSON.readTree(e.cause());
        assertThat(cause.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(cause.get("errorMessage").asText()).contains("Task timed out after 0.30 seconds");
    }

    @Test
    void interrupt_abandonsTheInvocationAndInterruptsTheHandler() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread state = new Thread(() -> {
            try {
                runner.run(invoke("{\"FunctionName\":\"blocking\",\"Payload\":{}}"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        state.start();
        TestHandlers.Blocking.STARTED.await();

        state.interrupt();
        state.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        TestHandlers.Blocking.INTERRUPTED.await();
    }

    @Test
    void unknownFunction_failsWithResourceNotFound() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(invoke("{\"FunctionName\":\"nobody\",\"Payload\":{}}")));

        assertThat(e.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(e.cause()).startsWith("Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nobody");
    }

    @Test
    void waitForTaskToken_invokesWithTheTokenInThePayload() throws Exception {
        TaskRequest request = new TaskRequest("arn:aws:states:::lambda:invoke.waitForTaskToken", "lambda", "invoke",
                IntegrationPattern.WAIT_FOR_TASK_TOKEN, false,
                JSON.readTree("{\"FunctionName\":\"shouter\",\"Payload\":{\"token\":\"tok-1\"}}"), "tok-1", null, () -> { },
                "eu-west-1", "123456789012", "arn:aws:states:eu-west-1:123456789012:execution:sm:run");

        JsonNode result = runner.run(request);

        assertThat(result.at("/Payload/TOKEN").asText()).isEqualTo("TOK-1");
    }

    @Test
    void logTypeTail_returnsTheLogOfTheInvocation() throws Exception {
        JsonNode result = runner.run(invoke("{\"FunctionName\":\"greeter\",\"LogType\":\"Tail\",\"Payload\":{\"name\":\"Ken\"}}"));

        String log = new String(java.util.Base64.getDecoder().decode(result.get("LogResult").asText()));
        assertThat(log).contains("greeting Ken").contains("START RequestId:");
    }
}
