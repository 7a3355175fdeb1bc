package ichibyo.sfn.intrinsic;

import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** States.Hash(data, algorithm): MD5, SHA-1, SHA-256, SHA-384 or SHA-512 as lowercase hex. */
final class HashFunction {
    private static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private HashFunction() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.Hash", args -> {
            Intrinsics.arity("States.Hash", args, 2, 2);
            String algorithm = args.get(1).asText();
            if (!ALGORITHMS.contains(algorithm)) throw Intrinsics.badArgument("States.Hash", "unsupported algorithm " + algorithm);
            String data = StringFunctions.text(args.get(0));
            try {
                byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                return Json.NODES.textNode(HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
