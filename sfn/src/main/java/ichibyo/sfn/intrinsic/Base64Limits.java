package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

/** The input rule of States.Base64Encode and States.Base64Decode: a string of at most 10,000 characters. */
final class Base64Limits {
    private static final int MAX_INPUT = 10_000;

    private Base64Limits() {}

    static String input(String fn, JsonNode n) {
        if (!n.isTextual()) throw Arguments.bad(fn, "expected a string");
        if (n.textValue().length() > MAX_INPUT) throw Arguments.bad(fn, "input longer than " + MAX_INPUT + " characters");
        return n.textValue();
    }
}
