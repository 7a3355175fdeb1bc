package ichibyo.local.sfn;

import ichibyo.sfn.api.StepFunctionsHttpServer;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import ichibyo.sfn.state.map.ObjectStore;
import ichibyo.sfn.task.TaskRunners;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The emulator on a free loopback port, with an SDK v2 client pointed at it. */
public final class EmulatorFixture implements AutoCloseable {
    public final StepFunctionsService service;
    public final StepFunctionsHttpServer server;
    public final SfnClient sfn;
    public final ObjectStore store;

    public EmulatorFixture() throws Exception {
        this(s -> Optional.empty());
    }

    public EmulatorFixture(TaskRunners runners) throws Exception {
        store = new InMemoryObjectStore();
        service = new StepFunctionsService(runners, store);
        server = new StepFunctionsHttpServer(service, 0).start();
        sfn = SfnClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                // StartSyncExecution has the host prefix "sync-" on AWS; a local endpoint has none.
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    public String createMachine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn("arn:aws:iam::123456789012:role/test")).stateMachineArn();
    }

    /** Creates a machine from {@code definition}, starts it with {@code input} and waits for the end. */
    public DescribeExecutionResponse run(String definition, String input) throws InterruptedException {
        String machine = createMachine("m" + Math.abs(definition.hashCode()), definition);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        return awaitEnd(execution, Duration.ofSeconds(20));
    }

    public DescribeExecutionResponse awaitEnd(String executionArn, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) return d;
            Thread.sleep(20);
        }
    }

    public List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000)).events().forEach(events::add);
        return events;
    }

    @Override
    public void close() {
        sfn.close();
        server.close();
        service.close();
    }
}
