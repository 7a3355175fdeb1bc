package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function call: {@code States.Name(arg, ...)}; an argument is a literal, a path or a call. */
public record IntrinsicCall(String name, List<Argument> args) {

    public sealed interface Argument permits Literal, Path, Call {}

    public record Literal(JsonNode value) implements Argument {}

    public record Path(String path) implements Argument {}

    public record Call(IntrinsicCall call) implements Argument {}
}
