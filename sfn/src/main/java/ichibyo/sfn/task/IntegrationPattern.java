package ichibyo.sfn.task;

/** The service integration patterns of a Task resource ARN. */
public enum IntegrationPattern {
    /** {@code arn:aws:states:::svc:action}, or a bare Lambda function ARN. */
    REQUEST_RESPONSE,
    /** {@code .sync} and {@code .sync:2}: wait for the job to end. */
    RUN_JOB,
    /** {@code .waitForTaskToken}: make the request, then wait for the token. */
    WAIT_FOR_TASK_TOKEN
}
