package ichibyo.local.sfn.integration;

import ichibyo.local.runtime.faults.FaultInjector;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.sfn.integration.aws.AwsClients;
import ichibyo.local.sfn.integration.aws.AwsService;
import ichibyo.local.sfn.integration.aws.AwsServiceTaskRunner;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinitions;
import ichibyo.local.sfn.integration.ecs.EcsTaskRunner;
import ichibyo.local.sfn.integration.lambda.LambdaTaskRunner;
import ichibyo.sfn.task.TaskRunner;
import ichibyo.sfn.task.TaskRunners;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The task integrations of the emulator:
 * <ul>
 *   <li>{@code lambda} (lambda:invoke and bare function ARNs): {@link LambdaTaskRunner} over an {@link InProcessLambda};</li>
 *   <li>{@code ecs} (ecs:runTask): {@link EcsTaskRunner};</li>
 *   <li>{@code s3}, {@code dynamodb}, {@code sqs}, {@code sns}, {@code events} and {@code aws-sdk:s3|dynamodb|sqs|sns|eventbridge}:
 *       {@link AwsServiceTaskRunner}.</li>
 * </ul>
 * Any other service has no runner (the interpreter fails it as AWS fails an unknown resource).
 *
 * <pre>{@code
 * DefaultTaskRunners runners = DefaultTaskRunners.builder()
 *         .lambdas(new LambdaRegistry().register("score-media", "ichibyo.functions.ScoreMedia"))
 *         .ecsTaskDefinitions(new EcsTaskDefinitions().register(EcsTaskDefinition.of("render", command, env)))
 *         .ecsLogDirectory(dataDir.resolve("logs/ecs"))
 *         .endpoints(services.endpoints())                 // or none: the SDK's standard configuration
 *         .credentials(StaticCredentialsProvider.create(...)) // or none: the SDK's default chain
 *         .build();
 * }</pre>
 */
public final class DefaultTaskRunners implements TaskRunners, AutoCloseable {
    private final InProcessLambda lambda;
    private final LambdaTaskRunner lambdaRunner;
    private final EcsTaskRunner ecsRunner;
    private final AwsClients awsClients;
    private final AwsServiceTaskRunner awsRunner;

    private DefaultTaskRunners(Builder b) {
        this.lambda = new InProcessLambda(b.lambdas, b.handlerClassLoader, b.lambdaLogs, b.credentials, b.faults);
        this.lambdaRunner = new LambdaTaskRunner(lambda);
        Map<String, String> ecsEnvironment = new LinkedHashMap<>();
        b.endpoints.forEach((service, uri) -> ecsEnvironment.put(
                "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT).replace('-', '_'), uri.toString()));
        ecsEnvironment.putAll(b.ecsEnvironment);
        this.ecsRunner = new EcsTaskRunner(b.ecsTaskDefinitions, b.ecsLogDirectory, ecsEnvironment, b.ecsInheritEnvironment, b.faults);
        this.awsClients = new AwsClients(b.endpoints, b.credentials);
        this.awsRunner = new AwsServiceTaskRunner(awsClients);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<TaskRunner> forService(String service) {
        if (service == null) {
            return Optional.empty();
        }
        return switch (service.toLowerCase(Locale.ROOT)) {
            case "lambda" -> Optional.of(lambdaRunner);
            case "ecs" -> Optional.of(ecsRunner);
            default -> AwsService.forTaskService(service).map(s -> awsRunner);
        };
    }

    /** The in-process Lambda runtime (also for local invokes and event source mappings). */
    public InProcessLambda lambda() {
        return lambda;
    }

    public EcsTaskRunner ecs() {
        return ecsRunner;
    }

    /** Stops tasks still running, the Lambda threads and the SDK clients. */
    @Override
    public void close() {
        ecsRunner.close();
        lambda.close();
        awsClients.close();
    }

    /** The configuration of {@link DefaultTaskRunners}; every part is optional. */
    public static final class Builder {
        private LambdaRegistry lambdas = new LambdaRegistry();
        private ClassLoader handlerClassLoader;
        private Consumer<String> lambdaLogs = System.err::println;
        private EcsTaskDefinitions ecsTaskDefinitions = new EcsTaskDefinitions();
        private Path ecsLogDirectory = Path.of(System.getProperty("java.io.tmpdir"), "ichibyo-ecs-logs");
        private Map<String, String> ecsEnvironment = Map.of();
        private boolean ecsInheritEnvironment = true;
        private Map<String, URI> endpoints = Map.of();
        private AwsCredentialsProvider credentials;
        private FaultInjector faults = FaultInjector.NONE;

        private Builder() {}

        /** The Lambda functions, by name. */
        public Builder lambdas(LambdaRegistry registry) {
            this.lambdas = registry;
            return this;
        }

        /** Loads the handler classes (default: the class loader of the emulator). */
        public Builder handlerClassLoader(ClassLoader loader) {
            this.handlerClassLoader = loader;
            return this;
        }

        /** Receives the functions' log lines (default: standard error). */
        public Builder lambdaLogs(Consumer<String> sink) {
            this.lambdaLogs = sink;
            return this;
        }

        public Builder ecsTaskDefinitions(EcsTaskDefinitions definitions) {
            this.ecsTaskDefinitions = definitions;
            return this;
        }

        /** Where each ECS task's output goes ({@code <dir>/<family>/<taskId>.log}). */
        public Builder ecsLogDirectory(Path dir) {
            this.ecsLogDirectory = dir;
            return this;
        }

        /** Variables every ECS task gets (after the endpoints' {@code AWS_ENDPOINT_URL_*}, before its definition's). */
        public Builder ecsEnvironment(Map<String, String> environment) {
            this.ecsEnvironment = Map.copyOf(environment);
            return this;
        }

        /** Whether ECS tasks inherit this process's environment (default true: PATH, JAVA_HOME, ...). */
        public Builder ecsInheritEnvironment(boolean inherit) {
            this.ecsInheritEnvironment = inherit;
            return this;
        }

        /**
         * Service endpoints by SDK service id ({@code s3}, {@code dynamodb}, {@code sqs}, {@code sns},
         * {@code eventbridge}); they are used by the AWS integrations and passed to ECS tasks as
         * {@code AWS_ENDPOINT_URL_<ID>}. Services not named use the SDK's standard configuration.
         */
        public Builder endpoints(Map<String, URI> endpoints) {
            this.endpoints = Map.copyOf(endpoints);
            return this;
        }

        /**
         * The credentials of the AWS integrations (default: the SDK's default chain), also given to the Lambda
         * functions as {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (default: none).
         */
        public Builder credentials(AwsCredentialsProvider provider) {
            this.credentials = provider;
            return this;
        }

        /** The transient failures injected into Lambda invocations and ECS RunTask calls (default: none). */
        public Builder faults(FaultInjector injector) {
            this.faults = injector;
            return this;
        }

        public DefaultTaskRunners build() {
            return new DefaultTaskRunners(this);
        }
    }
}
