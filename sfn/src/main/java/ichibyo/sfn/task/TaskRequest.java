package ichibyo.sfn.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One call of a Task state's resource.
 *
 * @param resource    the resource ARN as written in the state, e.g.
 *                    {@code arn:aws:states:::lambda:invoke} or {@code arn:aws:lambda:us-east-1:123456789012:function:score-media}
 * @param service     the service part: {@code lambda}, {@code ecs}, {@code s3}, {@code dynamodb}, {@code sqs},
 *                    {@code sns}, {@code events}, {@code states}, or {@code aws-sdk:s3} style for SDK integrations;
 *                    {@code lambda} for a bare function ARN
 * @param action      the API action, e.g. {@code invoke}, {@code runTask}, {@code putObject}; for a bare Lambda
 *                    ARN, {@code invoke}
 * @param pattern     the integration pattern (from the ARN suffix)
 * @param bareLambda  true for a bare function ARN (the result is the function's payload itself, and the
 *                    history uses the LambdaFunction* events)
 * @param parameters  the effective Parameters/Arguments (for a bare Lambda ARN: the payload)
 * @param taskToken   the task token when {@code pattern} is WAIT_FOR_TASK_TOKEN, else null
 * @param deadline    when the state times out (TimeoutSeconds), or null for none
 * @param heartbeat   called by long-running jobs that report progress; never null
 * @param region      the region of the emulated account, e.g. {@code us-east-1}
 * @param accountId   the account id of the emulated account
 * @param executionArn the ARN of the execution that runs the state
 */
public record TaskRequest(
        String resource,
        String service,
        String action,
        IntegrationPattern pattern,
        boolean bareLambda,
        JsonNode parameters,
        String taskToken,
        Instant deadline,
        Runnable heartbeat,
        String region,
        String accountId,
        String executionArn) {}
