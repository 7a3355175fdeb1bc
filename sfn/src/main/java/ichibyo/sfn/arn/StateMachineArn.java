package ichibyo.sfn.arn;

import java.util.List;

/**
 * {@code arn:aws:states:<region>:<account>:stateMachine:<name>}; a Distributed Map's children run as the
 * state machine {@code <name>/<label>}.
 */
public record StateMachineArn(String region, String account, String name) implements Arn {

    public static StateMachineArn parse(String text) {
        List<String> p = Arn.parts(text, "stateMachine", 1);
        return new StateMachineArn(p.get(0), p.get(1), p.get(3));
    }

    /** The state machine of a Distributed Map's children: {@code <name>/<label>}. */
    public StateMachineArn child(String label) {
        return new StateMachineArn(region, account, name + "/" + label);
    }

    @Override
    public String format() {
        return PREFIX + region + ":" + account + ":stateMachine:" + name;
    }

    @Override
    public String toString() {
        return format();
    }
}
