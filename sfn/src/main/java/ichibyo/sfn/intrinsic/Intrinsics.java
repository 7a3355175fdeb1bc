package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.StatesIntrinsicFailure;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.query.JsonPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of intrinsic functions, and evaluation of a call against a state's data. */
public final class Intrinsics {
    private static final Map<String, IntrinsicFunction> FUNCTIONS = new HashMap<>();
    private static final Map<String, IntrinsicCall> PARSED = new ConcurrentHashMap<>();

    static {
        for (IntrinsicFunction f : List.of(new StatesArray(), new StatesArrayPartition(), new StatesArrayContains(), new StatesArrayRange(),
                new StatesArrayGetItem(), new StatesArrayLength(), new StatesArrayUnique(), new StatesFormat(), new StatesStringSplit(),
                new StatesBase64Encode(), new StatesBase64Decode(), new StatesHash(), new StatesStringToJson(), new StatesJsonToString(),
                new StatesJsonMerge(), new StatesMathRandom(), new StatesMathAdd(), new StatesUuid())) {
            FUNCTIONS.put(f.signature().name(), f);
        }
    }

    private Intrinsics() {}

    public static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }

    /** Checks the syntax and function names, for definition validation. */
    public static void validate(String text) {
        try {
            check(PARSED.computeIfAbsent(text, IntrinsicParser::parse));
        } catch (IntrinsicParser.OpenEscape e) {
            // AWS accepts the definition and fails the state at run time (evaluate).
        }
    }

    private static void check(IntrinsicCall call) {
        if (!exists(call.name())) throw new IllegalArgumentException("Unsupported intrinsic function: " + call.name());
        for (IntrinsicCall.Argument a : call.args()) if (a instanceof IntrinsicCall.Call c) check(c.call());
    }

    public static JsonNode evaluate(String text, JsonPaths.Scope scope) {
        IntrinsicCall call;
        try {
            call = PARSED.computeIfAbsent(text, IntrinsicParser::parse);
        } catch (IllegalArgumentException e) {
            throw new StatesRuntime(e.getMessage());
        }
        return evaluate(call, scope);
    }

    private static JsonNode evaluate(IntrinsicCall call, JsonPaths.Scope scope) {
        IntrinsicFunction f = FUNCTIONS.get(call.name());
        if (f == null) throw new StatesRuntime("Unsupported intrinsic function: " + call.name());
        List<JsonNode> args = new ArrayList<>(call.args().size());
        for (IntrinsicCall.Argument a : call.args()) {
            switch (a) {
                case IntrinsicCall.Literal l -> args.add(l.value());
                case IntrinsicCall.Call c -> args.add(evaluate(c.call(), scope));
                case IntrinsicCall.Path p -> {
                    try {
                        args.add(JsonPaths.select(p.path(), scope));
                    } catch (JsonPaths.NotFound e) {
                        throw new StatesRuntime("The JSONPath '" + p.path() + "' could not be found in the input of the intrinsic function "
                                + call.name() + ": " + e.getMessage());
                    }
                }
            }
        }
        try {
            f.signature().check(args);
            return f.apply(args, call.args());
        } catch (StatesIntrinsicFailure | StatesRuntime e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesIntrinsicFailure("The evaluation of the intrinsic function " + call.name() + " failed: " + e.getMessage());
        }
    }
}
