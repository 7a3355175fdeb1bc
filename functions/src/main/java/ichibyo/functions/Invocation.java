package ichibyo.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One invocation's observability: every log line it writes carries Powertools' Lambda context (request id,
 * cold start, function name, version, memory) and, where the invocation is for one family or one run, its
 * {@code familyId} and {@code execution}; its metrics go out as CloudWatch Embedded Metric Format lines in
 * the {@value #NAMESPACE} namespace (CloudWatch makes metrics of them, no API call).
 */
public final class Invocation {
    public static final String NAMESPACE = "ichibyo";

    static {
        Configuration emf = EnvironmentConfigurationProvider.getConfig();
        if (emf.getServiceName().isEmpty()) {
            emf.setServiceName(NAMESPACE);
        }
        // Off Lambda (the local runtime, the Fargate tasks) EMF would look for a CloudWatch agent; stdout is
        // where the local log is and what the tasks' awslogs driver ships, and CloudWatch reads EMF from it.
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null && System.getenv("AWS_EMF_ENVIRONMENT") == null) {
            emf.setEnvironmentOverride(Environments.Local);
        }
    }

    private Invocation() {}

    /** Runs {@code body} with the invocation's logging context; without a Lambda context (tests), with its keys only. */
    public static <T> T run(Context context, String familyId, String execution, Supplier<T> body) {
        put("familyId", familyId);
        put("execution", execution);
        try {
            return context == null ? body.get() : PowertoolsLogging.withLogging(context, body);
        } finally {
            MDC.remove("familyId");
            MDC.remove("execution");
        }
    }

    /**
     * A metric of this invocation, dimensioned by ichibyo's name of the function (stable across deployments,
     * unlike the deployed name) and optionally one more dimension, e.g. {@code reason}.
     */
    public static void metric(String function, String name, double value, MetricUnit unit, String... dimension) {
        DimensionSet dimensions = dimension.length == 2
                ? DimensionSet.of("function", function, dimension[0], dimension[1])
                : DimensionSet.of("function", function);
        MetricsFactory.getMetricsInstance().flushSingleMetric(name, value, unit, NAMESPACE, dimensions);
    }

    public static void count(String function, String name, String... dimension) {
        metric(function, name, 1, MetricUnit.COUNT, dimension);
    }

    private static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }
}
