package ichibyo.core.encode.exceptions;

/**
 * An encode that cannot succeed as asked, whatever the number of retries (a bad profile, a master it
 * cannot cut, an output that fails verification): the base of the encoding workflow's named errors, which
 * its state machine catches instead of retrying.
 */
public abstract class EncodeException extends RuntimeException {
    protected EncodeException(String message) {
        super(message);
    }
}
