package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function call: {@code States.Name(arg, ...)}; an argument is a literal, a path or a call. */
public record IntrinsicCall(String name, List<Argument> args) {

    public sealed interface Argument permits Literal, Path, Call {}

    /**
     * A literal; for a string literal, {@code template} is its text with the {@code \\\\ \\{ \\}} escapes kept, so that
     * States.Format can tell an escaped brace from a placeholder (null for other literals).
     */
    public record Literal(JsonNode value, String template) implements Argument {
        public Literal(JsonNode value) {
            this(value, null);
        }
    }

    public record Path(String path) implements Argument {}

    public record Call(IntrinsicCall call) implements Argument {}
}
