package ichibyo.local.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.runtime.LocalFunctions;
import ichibyo.local.runtime.LocalNames;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinition;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinitions;
import ichibyo.local.sfn.integration.ecs.EcsTaskRunner;
import ichibyo.local.sfn.integration.lambda.LambdaTaskRunner;
import ichibyo.local.sfn.integration.lambda.TestHandlers;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The fault injector: its configuration, its seeded draws, and the errors each integration reports for them. */
class FaultInjectorTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER;
    private static final LambdaRegistry REGISTRY = new LambdaRegistry()
            .register("counting", TestHandlers.class.getName() + "$Counting");
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));

    @TempDir
    Path logs;

    @Test
    void parse_readsEachShareAndTheSeed_andNamesWhatIsWrong() {
        assertThat(Faults.parse("lambda=0.15, timeout=0.05,ecs=0.2,seed=7")).isEqualTo(new Faults(0.15, 0.05, 0.2, 7));
        assertThat(Faults.parse("ecs=1")).isEqualTo(new Faults(0, 0, 1, 0));
        assertThat(Faults.parse("")).matches(Faults::none);
        assertThatThrownBy(() -> Faults.parse("lambda=20%")).hasMessageContaining("lambda is not a number");
        assertThatThrownBy(() -> Faults.parse("lambda=1.5")).hasMessageContaining("lambda must be a share between 0 and 1");
        assertThatThrownBy(() -> Faults.parse("lambda=0.7,timeout=0.5")).hasMessageContaining("lambda + timeout is over 1");
        assertThatThrownBy(() -> Faults.parse("kill=0.1")).hasMessageContaining("unknown 'kill'");
        assertThatThrownBy(() -> Faults.parse("lambda")).hasMessageContaining("not name=value");
    }

    @Test
    void theSameSeed_drawsTheSameFaults_inTheConfiguredShares() {
        Faults faults = new Faults(0.15, 0.05, 0.2, 42);
        List<FaultInjector.LambdaFault> first = draws(new FaultInjector(faults));
        assertThat(draws(new FaultInjector(faults))).isEqualTo(first);
        assertThat(draws(new FaultInjector(new Faults(0.15, 0.05, 0.2, 43)))).isNotEqualTo(first);
        // Each function has its own sequence: another function's invocations in between change nothing.
        FaultInjector interleaved = new FaultInjector(faults);
        List<FaultInjector.LambdaFault> withOthers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            interleaved.nextLambda("g");
            interleaved.nextEcsFails("render");
            withOthers.add(interleaved.nextLambda("f"));
        }
        assertThat(withOthers).isEqualTo(first);

        FaultInjector injector = new FaultInjector(faults);
        for (int i = 0; i < 10_000; i++) {
            injector.nextLambda("f");
            injector.nextEcsFails("render");
        }
        assertThat(injector.injected("SERVICE_EXCEPTION") + injector.injected("TOO_MANY_REQUESTS")).isBetween(1_350, 1_650);
        assertThat(injector.injected("TIMEOUT", "f")).isBetween(400, 600);
        assertThat(injector.injected("ECS_RUN_TASK", "render")).isBetween(1_800, 2_200);
        assertThat(FaultInjector.NONE.nextLambda("f")).isEqualTo(FaultInjector.LambdaFault.NONE);
    }

    private static List<FaultInjector.LambdaFault> draws(FaultInjector injector) {
        List<FaultInjector.LambdaFault> faults = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            faults.add(injector.nextLambda("f"));
        }
        return faults;
    }

    @Test
    void aRefusedInvocation_isALambdaServiceErrorOfTheTask_andTheFunctionDoesNotRun() throws Exception {
        try (InProcessLambda lambda = new InProcessLambda(REGISTRY, null, line -> { }, CREDENTIALS,
                new FaultInjector(new Faults(1, 0, 0, 1)))) {
            int runs = TestHandlers.Counting.RUNS.get();
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                errors.add(catchThrowableOfType(TaskFailedException.class, () -> new LambdaTaskRunner(lambda).run(task())).error());
            }
            assertThat(errors).containsOnly("Lambda.ServiceException", "Lambda.TooManyRequestsException")
                    .contains("Lambda.ServiceException", "Lambda.TooManyRequestsException");
            assertThat(TestHandlers.Counting.RUNS.get()).isEqualTo(runs);

            // Through the invoker of event source mappings and the HTTP API: a function error, so the batch comes back.
            FunctionInvoker.Result result = LocalFunctions.invoker(lambda, new LocalNames("eu-west-1", "123456789012", q -> q))
                    .invoke("counting", "{}");
            assertThat(result.failed()).isTrue();
            assertThat(JSON.readTree(result.payload()).path("errorType").asText()).startsWith("Lambda.");
        }
    }

    @Test
    void aTimedOutInvocation_ranToItsEnd_butItsResultIsLost() throws Exception {
        try (InProcessLambda lambda = new InProcessLambda(REGISTRY, null, line -> { }, CREDENTIALS,
                new FaultInjector(new Faults(0, 1, 0, 1)))) {
            int runs = TestHandlers.Counting.RUNS.get();
            TaskFailedException e = catchThrowableOfType(TaskFailedException.class, () -> new LambdaTaskRunner(lambda).run(task()));
            assertThat(e.error()).isEqualTo("Sandbox.Timedout");
            assertThat(TestHandlers.Counting.RUNS.get()).isEqualTo(runs + 1);
        }
    }

    @Test
    void withoutFaults_theFunctionRuns_withTheRuntimesCredentialsInItsEnvironment() throws Exception {
        try (InProcessLambda lambda = new InProcessLambda(REGISTRY, null, line -> { }, CREDENTIALS, FaultInjector.NONE)) {
            JsonNode payload = new LambdaTaskRunner(lambda).run(task()).path("Payload");
            assertThat(payload.path("accessKeyId").asText()).isEqualTo("local");
            assertThat(payload.path("secretAccessKey").asText()).isEqualTo("local-secret");
        }
    }

    @Test
    void aFailedRunTask_isAnAmazonEcsException_andStartsNoTask() throws Exception {
        EcsTaskDefinitions definitions = new EcsTaskDefinitions()
                .register(EcsTaskDefinition.of("render", List.of("sh", "-c", "exit 0"), Map.of()));
        try (EcsTaskRunner ecs = new EcsTaskRunner(definitions, logs, Map.of(), true, new FaultInjector(new Faults(0, 0, 1, 1)))) {
            TaskFailedException e = catchThrowableOfType(TaskFailedException.class, () -> ecs.run(new TaskRequest(
                    "arn:aws:states:::ecs:runTask.sync", "ecs", "runTask", IntegrationPattern.RUN_JOB, false,
                    JSON.readTree("{\"TaskDefinition\":\"render\"}"), null, null, () -> { }, "eu-west-1", "123456789012",
                    "arn:aws:states:eu-west-1:123456789012:execution:sm:run")));
            assertThat(e.error()).isEqualTo("ECS.AmazonECSException");
            assertThat(e.cause()).contains("Error Code: ServerException");
            assertThat(logs.resolve("render")).doesNotExist();
        }
    }

    private static TaskRequest task() throws Exception {
        return new TaskRequest("arn:aws:states:::lambda:invoke", "lambda", "invoke", IntegrationPattern.REQUEST_RESPONSE,
                false, JSON.readTree("{\"FunctionName\":\"counting\",\"Payload\":{}}"), null, null, () -> { }, "eu-west-1",
                "123456789012", "arn:aws:states:eu-west-1:123456789012:execution:sm:run");
    }
}
