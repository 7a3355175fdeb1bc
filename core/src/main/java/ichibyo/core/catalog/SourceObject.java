package ichibyo.core.catalog;

/**
 * The S3 object version a catalog item was made from: what makes scoring idempotent. Two events
 * for the same bucket, key and ETag/version are one; of two versions of a key, the one with the
 * higher S3 event sequencer is the newer.
 *
 * @param sequencer the S3 event's {@code sequencer} (hex), compared after left-padding with zeros
 */
public record SourceObject(String bucket, String key, String eTag, String versionId, String sequencer) {
    private static final int SEQUENCER_WIDTH = 32;

    /** The sequencer padded to a fixed width, so that string order is event order. */
    public String orderedSequencer() {
        String s = sequencer == null ? "" : sequencer.toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, SEQUENCER_WIDTH - s.length())) + s;
    }

    /** Whether {@code other} (already stored) is this same object version or a newer one. */
    public boolean isSupersededBy(SourceObject other) {
        if (other == null) {
            return false;
        }
        // Idempotency is per object: the same ETag under another key is another upload, and
        // sequencers only order the events of one key.
        if (!java.util.Objects.equals(bucket, other.bucket) || !java.util.Objects.equals(key, other.key)) {
            return false;
        }
        boolean sameVersion = java.util.Objects.equals(eTag, other.eTag) && java.util.Objects.equals(versionId, other.versionId);
        return sameVersion || other.orderedSequencer().compareTo(orderedSequencer()) >= 0;
    }
}
