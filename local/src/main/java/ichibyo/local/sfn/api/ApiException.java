package ichibyo.local.sfn.api;

/** An error answer of the Step Functions API: {@code __type} and {@code message}, HTTP 400 unless said otherwise. */
public final class ApiException extends RuntimeException {
    public final String type;
    public final int status;

    public ApiException(String type, String message) {
        this(type, message, 400);
    }

    public ApiException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }
}
