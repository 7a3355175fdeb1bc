package ichibyo.functions.http;

/**
 * A request refused for what it says (the caller's mistake, never retried): the HTTP status, a
 * stable error code for programs, the field at fault ({@code body} for the body as a whole) and a
 * message for people that names the field.
 */
public final class RequestRejectedException extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;

    public RequestRejectedException(int status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
