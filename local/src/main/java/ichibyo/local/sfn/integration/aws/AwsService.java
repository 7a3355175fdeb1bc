package ichibyo.local.sfn.integration.aws;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A service the task integrations call through the AWS SDK v2, and how Step Functions names it.
 *
 * @param sdkId            the SDK's service id and endpoint key ({@code s3}, {@code dynamodb}, {@code sqs}, {@code sns},
 *                         {@code eventbridge}); {@code AWS_ENDPOINT_URL_<ID>} configures its endpoint
 * @param modelPackage     the SDK package of its client and {@code model} classes
 * @param clientInterface  the simple name of the SDK client interface
 * @param sdkErrorPrefix   the error prefix of {@code aws-sdk:} integrations ({@code DynamoDb.ConditionalCheckFailedException})
 * @param optimizedPrefix  the error prefix of the optimized integration ({@code DynamoDB.ConditionalCheckFailedException})
 * @param v1ServiceName    the service name in optimized integrations' causes ({@code AmazonDynamoDBv2})
 * @param optimizedActions the actions of the optimized integration ({@code arn:aws:states:::dynamodb:putItem})
 */
public record AwsService(String sdkId, String modelPackage, String clientInterface, String sdkErrorPrefix,
        String optimizedPrefix, String v1ServiceName, Set<String> optimizedActions) {

    public static final AwsService S3 = new AwsService("s3", "software.amazon.awssdk.services.s3", "S3Client",
            "S3", "S3", "Amazon S3", Set.of("getObject", "putObject"));
    public static final AwsService DYNAMODB = new AwsService("dynamodb", "software.amazon.awssdk.services.dynamodb",
            "DynamoDbClient", "DynamoDb", "DynamoDB", "AmazonDynamoDBv2", Set.of("getItem", "putItem", "updateItem", "deleteItem"));
    public static final AwsService SQS = new AwsService("sqs", "software.amazon.awssdk.services.sqs", "SqsClient",
            "Sqs", "SQS", "AmazonSQS", Set.of("sendMessage"));
    public static final AwsService SNS = new AwsService("sns", "software.amazon.awssdk.services.sns", "SnsClient",
            "Sns", "SNS", "AmazonSNS", Set.of("publish"));
    public static final AwsService EVENTBRIDGE = new AwsService("eventbridge", "software.amazon.awssdk.services.eventbridge",
            "EventBridgeClient", "EventBridge", "EventBridge", "AmazonEventBridge", Set.of("putEvents"));

    /**
     * The service of a Task's {@code service} part: an optimized integration ({@code s3}, {@code dynamodb}, {@code sqs},
     * {@code sns}, {@code events}) or an SDK integration ({@code aws-sdk:s3}, ..., {@code aws-sdk:eventbridge}).
     */
    public static Optional<AwsService> forTaskService(String service) {
        if (service == null) {
            return Optional.empty();
        }
        String s = service.toLowerCase(Locale.ROOT);
        boolean sdk = s.startsWith("aws-sdk:");
        String name = sdk ? s.substring("aws-sdk:".length()) : s;
        return Optional.ofNullable(switch (name) {
            case "s3" -> S3;
            case "dynamodb" -> DYNAMODB;
            case "sqs" -> SQS;
            case "sns" -> SNS;
            case "events" -> sdk ? null : EVENTBRIDGE;
            case "eventbridge" -> sdk ? EVENTBRIDGE : null;
            default -> null;
        });
    }
}
