package ichibyo.core.encode.exceptions;

/** A request to encode that names no content, a content id with characters a key or an execution name cannot hold, or no master. */
public final class InvalidEncodeRequestException extends EncodeException {
    public InvalidEncodeRequestException(String message) {
        super(message);
    }
}
