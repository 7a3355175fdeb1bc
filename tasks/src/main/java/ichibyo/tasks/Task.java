package ichibyo.tasks;

import java.util.Map;

/** One kind of Fargate task: its work, from its environment, to a result document. */
public interface Task {

    /**
     * Does the work.
     *
     * @param environment the container's variables
     * @return the result as JSON: a task token's SendTaskSuccess output
     */
    String run(Map<String, String> environment) throws Exception;

    /**
     * The error name Step Functions sees when {@link #run} throws {@code failure}: by default its class name,
     * which is what Lambda's Java runtime reports, so one {@code Catch} serves a step on either.
     */
    default String errorName(Throwable failure) {
        return failure.getClass().getName();
    }
}
