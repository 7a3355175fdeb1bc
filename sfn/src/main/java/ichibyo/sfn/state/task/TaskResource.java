package ichibyo.sfn.state.task;

import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.task.IntegrationPattern;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task's Resource ARN split as Step Functions reads it: {@code arn:aws:states:::service:action[.sync[:2]|.waitForTaskToken]},
 * {@code arn:aws:states:::aws-sdk:service:action}, or a bare Lambda function ARN.
 */
public record TaskResource(String arn, String service, String action, IntegrationPattern pattern, boolean bareLambda, boolean sync2) {
    private static final Pattern INTEGRATION = Pattern.compile(
            "arn:aws[a-z-]*:states:[a-z0-9-]*:[0-9]*:(aws-sdk:[a-zA-Z0-9-]+|[a-zA-Z0-9-]+):([a-zA-Z0-9_-]+)(\\.sync(:2)?|\\.waitForTaskToken)?");
    private static final Pattern LAMBDA = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9$_-]+)?");
    private static final Pattern ACTIVITY = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:activity:.+");
    /** The optimized integrations Step Functions offers (the common ones); aws-sdk:* covers the rest. */
    private static final Set<String> SERVICES = Set.of("lambda", "ecs", "s3", "dynamodb", "sqs", "sns", "events", "states", "batch", "glue",
            "sagemaker", "athena", "codebuild", "eks", "emr", "emr-serverless", "emr-containers", "apigateway", "bedrock", "http",
            "mediaconvert", "databrew", "elasticmapreduce", "eventbridge", "scheduler", "stepfunctions");

    /** Parses a resource; an ARN AWS does not recognise is an {@link InvalidDefinitionException} with AWS's text. */
    public static TaskResource parse(String arn, String where) {
        Matcher m = INTEGRATION.matcher(arn);
        if (m.matches()) {
            String service = m.group(1);
            if (!service.startsWith("aws-sdk:") && !SERVICES.contains(service)) throw unknown(arn, where);
            String suffix = m.group(3);
            IntegrationPattern p = suffix == null ? IntegrationPattern.REQUEST_RESPONSE
                    : suffix.startsWith(".sync") ? IntegrationPattern.RUN_JOB : IntegrationPattern.WAIT_FOR_TASK_TOKEN;
            return new TaskResource(arn, service, m.group(2), p, false, ":2".equals(m.group(4)));
        }
        if (LAMBDA.matcher(arn).matches()) return new TaskResource(arn, "lambda", "invoke", IntegrationPattern.REQUEST_RESPONSE, true, false);
        if (ACTIVITY.matcher(arn).matches()) return new TaskResource(arn, "activity", "getActivityTask", IntegrationPattern.RUN_JOB, false, false);
        throw unknown(arn, where);
    }

    private static InvalidDefinitionException unknown(String arn, String where) {
        return new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The resource provided " + arn + " is not recognized. "
                + "The value is not a valid resource ARN, or the resource is not available in this region. at " + where + "/Resource");
    }

    /** The resource name in Task* history events: the action with its suffix, e.g. {@code invoke.waitForTaskToken}. */
    public String eventResource() {
        if (bareLambda) return arn;
        return switch (pattern) {
            case REQUEST_RESPONSE -> action;
            case RUN_JOB -> action + (sync2 ? ".sync:2" : ".sync");
            case WAIT_FOR_TASK_TOKEN -> action + ".waitForTaskToken";
        };
    }
}
