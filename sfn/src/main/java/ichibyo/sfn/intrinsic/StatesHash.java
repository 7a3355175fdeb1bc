package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** {@code States.Hash(data, algorithm)}: MD5, SHA-1, SHA-256, SHA-384 or SHA-512 of the data as lowercase hex. */
final class StatesHash implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.Hash", 2, 2);
    private static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        String algorithm = args.get(1).asText();
        if (!ALGORITHMS.contains(algorithm)) throw Arguments.bad(SIGNATURE.name(), "unsupported algorithm " + algorithm);
        String data = args.get(0).isTextual() ? args.get(0).textValue() : Json.write(args.get(0));
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
