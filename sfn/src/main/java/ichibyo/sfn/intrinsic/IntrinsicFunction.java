package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One {@code States.*} intrinsic function: its signature, and its application to evaluated arguments. */
public interface IntrinsicFunction {
    Signature signature();

    /** @param args as many as the signature allows (already checked) */
    JsonNode apply(List<JsonNode> args);

    /** Like {@link #apply(List)}, with the arguments as written, for a function that reads a literal's escapes. */
    default JsonNode apply(List<JsonNode> args, List<IntrinsicCall.Argument> written) {
        return apply(args);
    }
}
