package ichibyo.core.scoring;

import ichibyo.core.media.exceptions.MediaException;

/** A file that cannot be scored, whatever the number of retries: the item is stored as rejected. */
public final class MediaRejectedException extends MediaException {
    private final RejectReason rejectReason;

    public MediaRejectedException(RejectReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.rejectReason = reason;
    }

    public MediaRejectedException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public RejectReason rejectReason() {
        return rejectReason;
    }

    @Override
    public String reason() {
        return rejectReason.name();
    }
}
