package ichibyo.sfn.arn;

import java.util.List;

/**
 * {@code arn:aws:states:<region>:<account>:execution:<stateMachineName>:<name>}; EXPRESS executions have
 * {@code express} instead of {@code execution}.
 */
public record ExecutionArn(String region, String account, boolean express, String stateMachineName, String name) implements Arn {

    /** An execution of a state machine. */
    public static ExecutionArn of(StateMachineArn machine, boolean express, String name) {
        return new ExecutionArn(machine.region(), machine.account(), express, machine.name(), name);
    }

    public static ExecutionArn parse(String text) {
        boolean express = "express".equals(Arn.type(text));
        List<String> p = Arn.parts(text, express ? "express" : "execution", 2);
        return new ExecutionArn(p.get(0), p.get(1), express, p.get(3), p.get(4));
    }

    @Override
    public String format() {
        return PREFIX + region + ":" + account + ":" + (express ? "express" : "execution") + ":" + stateMachineName + ":" + name;
    }

    @Override
    public String toString() {
        return format();
    }
}
