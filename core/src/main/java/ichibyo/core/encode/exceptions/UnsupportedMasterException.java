package ichibyo.core.encode.exceptions;

/**
 * A master the workflow cannot cut into frame ranges: no video, a variable frame rate (a frame index is
 * then no time), or over the limits of size and length.
 */
public final class UnsupportedMasterException extends EncodeException {
    public UnsupportedMasterException(String message) {
        super(message);
    }
}
