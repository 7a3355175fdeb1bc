package ichibyo.sfn.arn;

import java.util.List;

/** {@code arn:aws:states:<region>:<account>:mapRun:<stateMachineName>/<label>:<runId>}. */
public record MapRunArn(String region, String account, String stateMachineName, String runId) implements Arn {

    /** The Map Run of a Distributed Map labelled {@code label} in an execution of {@code machine}. */
    public static MapRunArn of(StateMachineArn machine, String label, String runId) {
        return new MapRunArn(machine.region(), machine.account(), machine.name() + "/" + label, runId);
    }

    public static MapRunArn parse(String text) {
        List<String> p = Arn.parts(text, "mapRun", 2);
        return new MapRunArn(p.get(0), p.get(1), p.get(3), p.get(4));
    }

    @Override
    public String format() {
        return PREFIX + region + ":" + account + ":mapRun:" + stateMachineName + ":" + runId;
    }

    @Override
    public String toString() {
        return format();
    }
}
