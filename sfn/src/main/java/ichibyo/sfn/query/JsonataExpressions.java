package ichibyo.sfn.query;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesQueryEvaluationError;
import ichibyo.sfn.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSONata query language: {@code {% expr %}} strings anywhere in a field's value, evaluated with
 * {@code $states} (input, context, result, errorOutput) and the workflow variables bound, plus the
 * functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid, $parse).
 */
public final class JsonataExpressions {
    private JsonataExpressions() {}

    public static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.textValue());
    }

    public static boolean isExpression(String s) {
        return s != null && s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4;
    }

    public static String body(String s) {
        return s.substring(2, s.length() - 2).trim();
    }

    /** Evaluates every {@code {% %}} in a template value; other values are literals. */
    public static JsonNode template(JsonNode template, String field, JsonNode states, Variables variables) {
        if (template == null) return null;
        return template(template, field, new Bindings(states, variables));
    }

    /** Evaluates one expression; nothing (undefined) is an error, as on AWS. */
    public static JsonNode evaluate(String expression, String field, JsonNode states, Variables variables) {
        return evaluate(expression, field, new Bindings(states, variables));
    }

    /** {@code $states} and the variables as JSONata values, bound once for all expressions of a field (objects convert as they are read). */
    private static final class Bindings {
        private final JsonNode states;
        private final Variables variables;
        private Object statesValue;
        private Map<String, Object> variableValues;

        Bindings(JsonNode states, Variables variables) {
            this.states = states;
            this.variables = variables;
        }

        void bind(Jsonata.Frame frame) {
            if (statesValue == null) {
                statesValue = Json.toJava(states);
                variableValues = new java.util.LinkedHashMap<>();
                if (variables != null) variables.visible().forEach((k, v) -> variableValues.put(k, Json.toJava(v)));
            }
            // JSONata does not change the values bound to it, so one conversion serves every expression of the field.
            variableValues.forEach(frame::bind);
            frame.bind("states", statesValue);
        }
    }

    private static JsonNode template(JsonNode template, String field, Bindings bindings) {
        if (isExpression(template)) return evaluate(body(template.textValue()), field, bindings);
        if (template.isObject()) {
            ObjectNode out = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), template(e.getValue(), field + "/" + e.getKey(), bindings));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            int i = 0;
            for (JsonNode n : template) out.add(template(n, field + "[" + i++ + "]", bindings));
            return out;
        }
        return template;
    }

    private static JsonNode evaluate(String expression, String field, Bindings bindings) {
        Object result;
        Jsonata jsonata = null;
        try {
            jsonata = borrow(expression);
            Jsonata.Frame frame = jsonata.createFrame();
            bindings.bind(frame);
            bindStepFunctionsFunctions(frame);
            result = jsonata.evaluate(null, frame);
            giveBack(expression, jsonata);
        } catch (JException e) {
            throw new StatesQueryEvaluationError("The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + e.getMessage());
        } catch (RuntimeException e) {
            throw new StatesQueryEvaluationError("The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + e);
        }
        JsonNode node = Json.fromJava(result);
        if (node == null && result != null) {
            throw new StatesQueryEvaluationError("The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' returned an unsupported result type.");
        }
        if (node == null) {
            throw new StatesQueryEvaluationError("The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' returned nothing (undefined).");
        }
        return node;
    }

    /** Parsed expressions, reused: a parsed Jsonata is not safe for concurrent use, so each is lent to one caller at a time. */
    private static final Map<String, java.util.concurrent.ConcurrentLinkedQueue<Jsonata>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Jsonata borrow(String expression) {
        java.util.concurrent.ConcurrentLinkedQueue<Jsonata> idle = PARSED.get(expression);
        Jsonata j = idle == null ? null : idle.poll();
        if (j != null) return j;
        j = Jsonata.jsonata(expression);
        // Keep JSON null distinct from undefined (nothing), as Step Functions does.
        j.setOutputConvertNulls(false);
        return j;
    }

    private static void giveBack(String expression, Jsonata j) {
        if (PARSED.size() > 10_000) return;
        java.util.concurrent.ConcurrentLinkedQueue<Jsonata> idle = PARSED.computeIfAbsent(expression, e -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        if (idle.size() < 64) idle.add(j);
    }

    private static void bindStepFunctionsFunctions(Jsonata.Frame frame) {
        frame.bind("partition", Jsonata.function("partition", (Jsonata.FnVarArgs<Object>) args -> {
            List<?> array = asList(args.get(0));
            int size = ((Number) args.get(1)).intValue();
            if (size <= 0) throw new JException("$partition: the size must be a positive integer", 0);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i += size) out.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
            return out;
        }, null));
        frame.bind("range", Jsonata.function("range", (Jsonata.FnVarArgs<Object>) args -> {
            double start = ((Number) args.get(0)).doubleValue();
            double end = ((Number) args.get(1)).doubleValue();
            double step = args.size() > 2 ? ((Number) args.get(2)).doubleValue() : 1;
            if (step == 0) throw new JException("$range: the step must not be 0", 0);
            List<Object> out = new ArrayList<>();
            for (double i = start; step > 0 ? i <= end : i >= end; i += step) {
                out.add(integral(i));
                if (out.size() > 1000) throw new JException("$range: more than 1000 items", 0);
            }
            // The result is a JSONata sequence: a single item stands for itself.
            return out.size() == 1 ? out.get(0) : out;
        }, null));
        frame.bind("hash", Jsonata.function("hash", (Jsonata.FnVarArgs<Object>) args -> {
            String data = String.valueOf(args.get(0));
            String algorithm = args.size() > 1 ? String.valueOf(args.get(1)) : "SHA-256";
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new JException("$hash: unsupported algorithm " + algorithm, 0);
            }
        }, null));
        frame.bind("random", Jsonata.function("random", (Jsonata.FnVarArgs<Object>) args -> {
            Random r = args.isEmpty() || args.get(0) == null ? ThreadLocalRandom.current() : new Random(((Number) args.get(0)).longValue());
            return r.nextDouble();
        }, null));
        frame.bind("uuid", Jsonata.function("uuid", (Jsonata.FnVarArgs<Object>) args -> UUID.randomUUID().toString(), null));
        frame.bind("parse", Jsonata.function("parse", (Jsonata.FnVarArgs<Object>) args -> {
            try {
                return Json.toJava(Json.parse(String.valueOf(args.get(0))));
            } catch (IllegalArgumentException e) {
                throw new JException("$parse: " + e.getMessage(), 0);
            }
        }, null));
    }

    private static Object integral(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
        return BigDecimal.valueOf(d).doubleValue();
    }

    private static List<?> asList(Object o) {
        if (o instanceof List<?> l) return l;
        if (o == null) return List.of();
        return List.of(o);
    }
}
