package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One {@code States.*} intrinsic function, applied to its evaluated arguments. */
@FunctionalInterface
public interface IntrinsicFunction {
    JsonNode apply(List<JsonNode> args);
}
