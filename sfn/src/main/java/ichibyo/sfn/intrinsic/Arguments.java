package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;

/** Argument checks the functions share; a bad argument fails the call with States.IntrinsicFailure. */
final class Arguments {
    private Arguments() {}

    static IllegalArgumentException bad(String fn, String what) {
        return new IllegalArgumentException("invalid argument for " + fn + ": " + what);
    }

    static ArrayNode array(String fn, JsonNode n) {
        if (n == null || !n.isArray()) throw bad(fn, "expected an array but got " + Json.typeName(n));
        return (ArrayNode) n;
    }

    static long integer(String fn, JsonNode n) {
        if (n == null || !n.isNumber()) throw bad(fn, "expected an integer but got " + Json.typeName(n));
        if (n.isIntegralNumber()) return n.longValue();
        double d = n.doubleValue();
        if (d != Math.rint(d)) throw bad(fn, "expected an integer but got " + n);
        return (long) d;
    }

    static int positiveInt(String fn, JsonNode n) {
        long v = integer(fn, n);
        if (v <= 0) throw bad(fn, "expected a positive integer but got " + v);
        return (int) v;
    }

    static String string(String fn, JsonNode n, String what) {
        if (n == null || !n.isTextual()) throw bad(fn, what);
        return n.textValue();
    }

    /**
     * How a value appears in a string States.Format builds, as AWS renders it (recorded: an object
     * {@code {"Arg1":1,"Arg2":[]}} becomes {@code {Arg1=1, Arg2=[]}}, {@code $$.StateMachine} becomes
     * {@code {Id=arn:…, Name=…}}): strings raw, objects {@code {key=value, …}}, arrays {@code [a, b]}, strings
     * inside them raw too; numbers, booleans and null as JSON.
     */
    static String text(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        render(n, sb);
        return sb.toString();
    }

    private static void render(JsonNode n, StringBuilder sb) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isTextual()) {
            sb.append(n.textValue());
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!first) sb.append(", ");
                first = false;
                sb.append(e.getKey()).append('=');
                render(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) sb.append(", ");
                render(n.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(Json.write(n));
        }
    }

    /** Equality of JSON values, numbers by value ({@code 1} equals {@code 1.0}). */
    static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }
}
