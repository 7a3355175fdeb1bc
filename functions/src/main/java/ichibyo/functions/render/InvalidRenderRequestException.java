package ichibyo.functions.render;

/** A render request without its keys, or one that would overwrite its own plan: never worth a retry. */
public final class InvalidRenderRequestException extends RuntimeException {
    public InvalidRenderRequestException(String message) {
        super(message);
    }
}
