package ichibyo.sfn.backend;

/** An error answer of the Step Functions API: {@code __type} and {@code message}, HTTP 400 unless said otherwise. */
public final class ApiException extends RuntimeException {
    private final String type;
    private final int status;

    public ApiException(String type, String message) {
        this(type, message, 400);
    }

    public ApiException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    /** The error's {@code __type}, e.g. {@code ExecutionDoesNotExist}. */
    public String type() {
        return type;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }
}
