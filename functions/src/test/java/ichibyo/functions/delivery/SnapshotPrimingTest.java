package ichibyo.functions.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every delivery step (and the HTTP handlers) primes SnapStart's snapshot from its packaged sample event, and with no service
 * reachable: an endpoint nothing listens on proves that priming calls nothing over the network.
 */
class SnapshotPrimingTest {
    /** Nothing listens on port 1 of loopback: any call would fail. */
    private static final Map<String, String> UNREACHABLE = Map.ofEntries(
            Map.entry("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
            Map.entry("AWS_REGION", "us-east-1"),
            Map.entry("AWS_ACCESS_KEY_ID", "priming"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "priming"),
            Map.entry("MEDIA_BUCKET", "media"),
            Map.entry("CATALOG_TABLE", "catalog"),
            Map.entry("FAMILIES_TABLE", "families"),
            Map.entry("MEMBERSHIPS_TABLE", "memberships"),
            Map.entry("EVENT_BUS", "events"),
            Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));

    private static final Map<String, String> SDK_SETTINGS = Map.of("aws.region", "us-east-1", "aws.endpointUrl", "http://127.0.0.1:1",
            "aws.accessKeyId", "priming", "aws.secretAccessKey", "priming");
    private static final Map<String, String> saved = new java.util.HashMap<>();

    /** The clients the SDK builds from system settings (region, endpoint) get the unreachable endpoint too. */
    @BeforeAll
    static void unreachableSdk() {
        SDK_SETTINGS.forEach((key, value) -> {
            String old = System.setProperty(key, value);
            if (old != null) {
                saved.put(key, old);
            }
        });
    }

    @AfterAll
    static void restoreSdk() {
        SDK_SETTINGS.keySet().forEach(key -> {
            if (saved.containsKey(key)) {
                System.setProperty(key, saved.get(key));
            } else {
                System.clearProperty(key);
            }
        });
    }

    @TestFactory
    List<DynamicTest> everyStepPrimesWithoutTheNetwork() {
        List<Function<Map<String, String>, StepHandler<?, ?>>> steps = List.of(
                PlanDeliveryRunHandler::new, ExtractTargetsHandler::new, GatherTargetsHandler::new,
                SelectMaterialsHandler::new, DeliverMovieHandler::new, RecordFailureHandler::new, SummarizeRunHandler::new);
        return steps.stream().map(step -> {
            StepHandler<?, ?> handler = step.apply(UNREACHABLE);
            return DynamicTest.dynamicTest(handler.getClass().getSimpleName(), () -> {
                assertThat(StepHandler.class.getResource("/events/" + handler.sampleEvent())).as("packaged sample event").isNotNull();
                assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
            });
        }).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    @TestFactory
    List<DynamicTest> theHttpHandlersPrimeWithoutTheNetwork() {
        return List.of(DynamicTest.dynamicTest("FamiliesHandler", () -> {
            org.crac.Resource handler = new ichibyo.functions.family.FamiliesHandler(UNREACHABLE);
            assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
        }));
    }
}
