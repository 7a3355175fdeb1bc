package ichibyo.local.runtime.lambda;

/**
 * An error of Lambda's Invoke API itself, not of the function (which did not run): {@code ServiceException}
 * (500) or {@code TooManyRequestsException} (429). Step Functions reports it as {@code Lambda.<errorCode>};
 * an event source mapping tries the batch again.
 */
public final class LambdaServiceException extends Exception {
    private final String errorCode;
    private final int statusCode;

    public LambdaServiceException(String errorCode, int statusCode, String message) {
        super(message);
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
