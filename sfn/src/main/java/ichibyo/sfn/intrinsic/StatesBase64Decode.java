package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code States.Base64Decode(string)}: base64 decoded as UTF-8; at most 10,000 characters of input, as on AWS. */
final class StatesBase64Decode implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.Base64Decode", 1, 1);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        String s = Base64Limits.input(SIGNATURE.name(), args.get(0));
        return Json.NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
    }
}
