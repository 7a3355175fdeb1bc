package ichibyo.functions.encode;

/** No master where the request says: nothing to encode, and retrying will not upload one. */
public final class MasterNotFoundException extends RuntimeException {
    public MasterNotFoundException(String message) {
        super(message);
    }
}
