package ichibyo.sfn.arn;

/** Text that is not an ARN of the expected Step Functions resource type. */
public final class InvalidArnException extends IllegalArgumentException {
    public InvalidArnException(String text) {
        super("Invalid Arn: '" + text + "'");
    }
}
