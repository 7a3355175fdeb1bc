package ichibyo.functions.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.Json;
import ichibyo.functions.Invocation;
import ichibyo.functions.aws.AwsFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A delivery-run step invoked by Step Functions: its JSON input read into {@code I} with ichibyo's one
 * ObjectMapper, its result written as JSON with a {@code lambda} member ({@link StepLambda}: the
 * function, its own elapsed milliseconds and memory size) from which the run summary counts Lambda
 * GB-seconds. AWS SDK failures worth retrying leave as {@link ichibyo.functions.TransientFailureException}
 * (the definitions retry it); an input that does not fit is an {@link InvalidStepInputException}.
 *
 * <p>On Lambda every step runs with SnapStart: the no-arg constructors {@link #registerForSnapshot register}
 * the handler, and before the snapshot it reads its sample event of {@code events/} (packaged with the
 * functions) into its input record and writes it back with a {@code lambda} member, so that Jackson's
 * (de)serializers for the step are built and a restored function answers its first input warm. Nothing
 * is called over the network and nothing of it is kept.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler, Resource {
    private final Class<I> inputType;
    private final String function;
    private final int memoryMb;

    protected StepHandler(Class<I> inputType, String defaultName, Map<String, String> env) {
        this.inputType = inputType;
        this.function = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", defaultName);
        this.memoryMb = Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"));
    }

    /** The step itself. */
    protected abstract O handle(I input);

    /** The file name, in {@code events/}, of a representative input of this step: what the snapshot is primed with. */
    protected abstract String sampleEvent();

    /** On Lambda (the no-arg constructors): prime before SnapStart's snapshot. */
    protected final void registerForSnapshot() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients read credentials per request
    }

    /** The JSON path of one input, without {@link #handle}: reading the sample event and writing a result like it. */
    final void prime() {
        String resource = "/events/" + sampleEvent();
        try (InputStream in = StepHandler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(function + ": its sample event " + resource + " is not packaged");
            }
            ObjectNode node = Json.mapper().valueToTree(read(in));
            node.set("lambda", Json.mapper().valueToTree(new StepLambda(function, 0, memoryMb)));
            Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        long start = System.nanoTime();
        I input = read(in);
        ObjectNode view = Json.mapper().valueToTree(input);
        // The family and the run this invocation is for, on each of its log lines.
        String familyId = view.path("family").path("familyId").asText(null);
        String execution = view.path("runName").asText(view.path("run").path("runName").asText(null));
        ObjectNode node = Invocation.run(context, familyId, execution, () -> {
            try {
                return Json.mapper().<ObjectNode>valueToTree(handle(input));
            } catch (SdkException e) {
                throw AwsFailures.classify(e);
            } catch (UncheckedIOException e) {
                throw AwsFailures.classify(e);
            }
        });
        int memory = context != null && context.getMemoryLimitInMB() > 0 ? context.getMemoryLimitInMB() : memoryMb;
        String name = context != null && context.getFunctionName() != null ? context.getFunctionName() : function;
        node.set("lambda", Json.mapper().valueToTree(new StepLambda(name, (System.nanoTime() - start) / 1_000_000, memory)));
        Json.mapper().writeValue(out, node);
    }

    /** One step's own input, as its record; a rule a record's constructor breaks surfaces as that rule's exception. */
    I read(InputStream in) throws IOException {
        try {
            I input = Json.mapper().readValue(in, inputType);
            if (input == null) {
                throw new InvalidStepInputException(function + " needs a JSON object as its input");
            }
            return input;
        } catch (JsonMappingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException named && c.getClass() != IllegalArgumentException.class) {
                    throw named; // InvalidPeriodException, InvalidFamilyException, …: already named
                }
            }
            throw new InvalidStepInputException(function + " input: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidStepInputException(function + " input is not JSON: " + e.getOriginalMessage());
        }
    }
}
