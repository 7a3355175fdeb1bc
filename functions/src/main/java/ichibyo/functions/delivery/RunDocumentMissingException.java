package ichibyo.functions.delivery;

/** A document a step expects under the run's prefix (the pinned edition, a plan) is not in the bucket. */
public final class RunDocumentMissingException extends IllegalStateException {
    public RunDocumentMissingException(String bucket, String key) {
        super("s3://" + bucket + "/" + key + " does not exist");
    }
}
