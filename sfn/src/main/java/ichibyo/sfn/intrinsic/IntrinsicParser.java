package ichibyo.sfn.intrinsic;

import ichibyo.sfn.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses the intrinsic function syntax of the specification: {@code States.Format('x {}', $.a, 3)}. */
public final class IntrinsicParser {
    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    public static boolean isCall(String s) {
        return s != null && s.startsWith("States.");
    }

    public static IntrinsicCall parse(String text) {
        IntrinsicParser p = new IntrinsicParser(text.trim());
        IntrinsicCall call = p.call();
        p.skipSpaces();
        if (p.pos != p.text.length()) throw p.error("unexpected text after the call");
        return call;
    }

    private IntrinsicCall call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
        String name = text.substring(start, pos);
        if (!name.startsWith("States.")) throw error("expected a States.* function");
        skipSpaces();
        expect('(');
        List<IntrinsicCall.Argument> args = new ArrayList<>();
        skipSpaces();
        if (peek() == ')') {
            pos++;
            return new IntrinsicCall(name, args);
        }
        while (true) {
            skipSpaces();
            args.add(argument());
            skipSpaces();
            char c = next();
            if (c == ')') break;
            if (c != ',') throw error("expected ',' or ')'");
        }
        return new IntrinsicCall(name, args);
    }

    private IntrinsicCall.Argument argument() {
        char c = peek();
        if (c == '\'') {
            StringBuilder template = new StringBuilder();
            String value = string(template);
            return new IntrinsicCall.Literal(Json.NODES.textNode(value), template.toString());
        }
        if (c == '$') return new IntrinsicCall.Path(path());
        if (text.startsWith("States.", pos)) return new IntrinsicCall.Call(call());
        int start = pos;
        while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) pos++;
        String token = text.substring(start, pos);
        switch (token) {
            case "true": return new IntrinsicCall.Literal(Json.NODES.booleanNode(true));
            case "false": return new IntrinsicCall.Literal(Json.NODES.booleanNode(false));
            case "null": return new IntrinsicCall.Literal(Json.NODES.nullNode());
            default:
                // Parsed as the same number in the state input would be, so that both render alike.
                try {
                    new BigDecimal(token);
                    return new IntrinsicCall.Literal(Json.parse(token));
                } catch (IllegalArgumentException e) {
                    throw error("invalid argument '" + token + "'");
                }
        }
    }

    /** A string literal's value; {@code template} gets its text with the brace and backslash escapes kept. */
    private String string(StringBuilder template) {
        expect('\'');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '\\') {
                // Only \' \{ \} \\ are escapes; any other backslash is an open escape, a runtime error on AWS.
                char e = pos < text.length() ? text.charAt(pos) : 0;
                if ("'{}\\".indexOf(e) < 0 || e == 0) throw new OpenEscape(text, pos - 1);
                pos++;
                sb.append(e);
                if (e != '\'') template.append('\\');
                template.append(e);
            } else if (c == '\'') {
                return sb.toString();
            } else {
                sb.append(c);
                template.append(c);
            }
        }
    }

    private String path() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if ((c == ',' || c == ')') && depth == 0) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos).trim();
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next() {
        if (pos >= text.length()) throw error("unexpected end");
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    /** A backslash in a string literal that escapes none of {@code ' { } \\}. */
    public static final class OpenEscape extends IllegalArgumentException {
        OpenEscape(String text, int at) {
            super("The value for the field must be a valid intrinsic function call: " + text
                    + " (a backslash that escapes none of ' { } \\ at " + at + ")");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("The value for the field must be a valid intrinsic function call: "
                + text + " (" + what + " at " + pos + ")");
    }
}
