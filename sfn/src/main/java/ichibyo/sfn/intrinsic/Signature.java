package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.StatesIntrinsicFailure;
import java.util.List;

/**
 * The declared signature of an intrinsic function: its name and how many arguments it takes. The
 * argument types are the function's to check, since AWS words each type error its own way.
 */
public record Signature(String name, int minArgs, int maxArgs) {
    /** No upper limit (States.Array, States.Format). */
    public static final int ANY = Integer.MAX_VALUE;

    public static Signature of(String name, int args) {
        return new Signature(name, args, args);
    }

    /** Fails the call unless it has between min and max arguments. */
    public void check(List<JsonNode> args) {
        if (args.size() < minArgs || args.size() > maxArgs) {
            throw new StatesIntrinsicFailure("The intrinsic function " + name + " expects "
                    + (minArgs == maxArgs ? "" + minArgs : minArgs + " to " + maxArgs) + " arguments, but " + args.size() + " were given.");
        }
    }
}
