package ichibyo.sfn.task;

/**
 * A task that failed, with the error name and cause that Step Functions puts in TaskFailed
 * (for example {@code Lambda.Unknown}, {@code States.TaskFailed}, {@code S3.NoSuchKeyException},
 * or a Lambda function's own {@code errorType}).
 */
public final class TaskFailedException extends Exception {
    private final String error;
    private final String cause;

    public TaskFailedException(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
