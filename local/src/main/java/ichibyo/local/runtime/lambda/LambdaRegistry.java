package ichibyo.local.runtime.lambda;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions the emulator can invoke, by name. Like Lambda's {@code FunctionName} parameter it accepts a
 * name ({@code my-function}), a name with a qualifier ({@code my-function:live}, {@code my-function:3}), a full
 * ARN ({@code arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]}) or a partial ARN
 * ({@code 123456789012:function:my-function[:qualifier]}). Every qualifier runs the one registered code.
 */
public final class LambdaRegistry {

    private static final Pattern FULL_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?");
    private static final Pattern PARTIAL_ARN =
            Pattern.compile("(\\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?");

    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();

    public LambdaRegistry register(LambdaFunction function) {
        functions.put(function.name(), function);
        return this;
    }

    /** Registers a function with Lambda's default memory and timeout. */
    public LambdaRegistry register(String name, String handler) {
        return register(LambdaFunction.of(name, handler));
    }

    public Collection<LambdaFunction> functions() {
        return List.copyOf(functions.values());
    }

    /** A function name, ARN or partial ARN, split as Lambda splits it. */
    public record FunctionReference(String name, String qualifier, String region, String accountId) {}

    /** Parses {@code FunctionName} as Lambda does; empty when it is not a valid function identifier. */
    public static Optional<FunctionReference> parse(String functionName) {
        if (functionName == null) {
            return Optional.empty();
        }
        Matcher m = FULL_ARN.matcher(functionName);
        if (m.matches()) {
            return Optional.of(new FunctionReference(m.group(3), m.group(4), m.group(1), m.group(2)));
        }
        m = PARTIAL_ARN.matcher(functionName);
        if (m.matches()) {
            return Optional.of(new FunctionReference(m.group(2), m.group(3), null, m.group(1)));
        }
        m = NAME.matcher(functionName);
        if (m.matches()) {
            return Optional.of(new FunctionReference(m.group(1), m.group(2), null, null));
        }
        return Optional.empty();
    }

    /** The registered function that {@code functionName} designates. */
    public Optional<LambdaFunction> resolve(String functionName) {
        return parse(functionName).map(ref -> functions.get(ref.name()));
    }
}
