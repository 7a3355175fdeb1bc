package ichibyo.local.cli;

import picocli.CommandLine.Option;

/** {@code --port-s3 N}, ...: the runtime's ports; 0 (the default) for a free one. */
public final class PortOptions {

    @Option(names = "--port-s3", paramLabel = "N", description = "S3's port")
    int s3;
    @Option(names = "--port-dynamodb", paramLabel = "N", description = "DynamoDB's port")
    int dynamodb;
    @Option(names = "--port-sqs", paramLabel = "N", description = "SQS's port")
    int sqs;
    @Option(names = "--port-sfn", paramLabel = "N", description = "the Step Functions API's port")
    int sfn;
    @Option(names = "--port-events", paramLabel = "N", description = "EventBridge's port")
    int events;
    @Option(names = "--port-api", paramLabel = "N", description = "the HTTP API's port")
    int api;
}
