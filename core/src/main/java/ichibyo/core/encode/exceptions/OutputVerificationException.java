package ichibyo.core.encode.exceptions;

import java.util.List;

/** A joined output that differs from its master: a frame count, a duration, a seam, the audio. Nothing of it is placed. */
public final class OutputVerificationException extends EncodeException {
    private final List<String> failures;

    public OutputVerificationException(String profileId, List<String> failures) {
        super("output of profile " + profileId + " failed verification: " + String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }
}
