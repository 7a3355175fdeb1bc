package ichibyo.sfn.arn;

import java.util.List;

/**
 * An ARN of a Step Functions resource, {@code arn:aws:states:<region>:<account>:<type>:<resource>}, as a
 * value: parse it with the record of its type, format it with {@link #format()}.
 */
public sealed interface Arn permits StateMachineArn, ExecutionArn, MapRunArn {
    String PREFIX = "arn:aws:states:";

    String region();

    String account();

    /** The ARN's text. */
    String format();

    /** Whether the text has the Step Functions ARN prefix (the API's InvalidArn check). */
    static boolean isStepFunctions(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The resource type of a Step Functions ARN (stateMachine, execution, express, mapRun, …), or null. */
    static String type(String text) {
        if (!isStepFunctions(text)) return null;
        String[] p = text.substring(PREFIX.length()).split(":", -1);
        return p.length > 2 ? p[2] : null;
    }

    /** The parts after {@code arn:aws:states:}: region, account, type, then the resource's parts. */
    static List<String> parts(String text, String type, int resourceParts) {
        if (!isStepFunctions(text)) throw new InvalidArnException(text);
        String[] p = text.substring(PREFIX.length()).split(":", -1);
        if (p.length != 3 + resourceParts || !p[2].equals(type)) throw new InvalidArnException(text);
        for (String s : p) if (s.isEmpty()) throw new InvalidArnException(text);
        return List.of(p);
    }
}
