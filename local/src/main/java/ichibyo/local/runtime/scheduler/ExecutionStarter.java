package ichibyo.local.runtime.scheduler;

/** Starts an execution of a state machine of the app, as a schedule's StartExecution target does. */
@FunctionalInterface
public interface ExecutionStarter {
    /** @return the execution ARN */
    String start(String stateMachine, String input);
}
