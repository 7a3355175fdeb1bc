package ichibyo.sfn.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the resource of one Task state: a Lambda function in-process, an ECS task as a child
 * process, or a call to an AWS service (S3, DynamoDB, SQS, SNS, EventBridge). The interpreter
 * owns everything around the call (history events, Retry/Catch, timeouts, waiting for a task
 * token); a runner only performs the call and reports its result or failure as AWS would.
 */
public interface TaskRunner {

    /**
     * Performs the call. For {@link IntegrationPattern#RUN_JOB} it returns when the job has ended;
     * for {@link IntegrationPattern#WAIT_FOR_TASK_TOKEN} it returns once the request is made (the
     * interpreter then waits for SendTaskSuccess/Failure).
     *
     * @return the state's raw result, shaped as Step Functions returns it for that integration
     * @throws TaskFailedException the task failed, with the error and cause Step Functions reports
     * @throws InterruptedException the execution was stopped or the state timed out
     */
    JsonNode run(TaskRequest request) throws TaskFailedException, InterruptedException;
}
