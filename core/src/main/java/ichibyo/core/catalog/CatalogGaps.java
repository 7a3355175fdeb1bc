package ichibyo.core.catalog;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The originals that the catalog lacks: an object under {@code originals/} whose event was lost (a
 * crash between the upload and scoring, a message that ended in the dead-letter queue) has no item,
 * or only the item of a version it overwrote. Scoring them again heals the catalog; scoring is
 * idempotent, so an original found here whose event is merely late costs one duplicate event.
 *
 * <p>An item belongs to the object it was made from ({@link MediaItem#source()} key), whatever its id
 * (a stray original's item has an id of its own, {@link StrayOriginal}). Objects outside any family's
 * folder never get an item and are left out.
 */
public final class CatalogGaps {

    /** One object of a listing of {@code originals/}; the ETag with or without S3's quotes. */
    public record Original(String key, long size, Instant lastModified, String eTag) {}

    /** Why an original is a gap. */
    public enum Reason {
        /** No item was made from this object. */
        NO_ITEM,
        /** The object's item was made from an earlier version of it (another ETag, uploaded before this one). */
        OLDER_ITEM
    }

    /**
     * An original to score again.
     *
     * @param sequencer the S3 event sequencer its new event carries: one above the stale item's, so that
     *                  scoring takes the event for newer than that item, yet below any later real event for
     *                  the key (S3's sequencers grow with every event of a key); {@code 0} when there is no item
     */
    public record Gap(Original original, Reason reason, String sequencer) {}

    private CatalogGaps() {}

    /**
     * The gaps among {@code originals}, in their order.
     *
     * @param items the catalog items of the originals' families (any others are ignored)
     */
    public static List<Gap> find(Collection<Original> originals, Collection<MediaItem> items) {
        Map<String, MediaItem> byObject = new HashMap<>();
        for (MediaItem item : items) {
            if (item.source() != null && item.source().key() != null) {
                byObject.put(item.source().key(), item);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (Original original : originals) {
            if (StrayOriginal.of(original.key()).isEmpty()) {
                continue; // outside any family folder: no item is ever made for it
            }
            MediaItem item = byObject.get(original.key());
            if (item == null) {
                gaps.add(new Gap(original, Reason.NO_ITEM, "0"));
            } else if (isOlder(item, original)) {
                gaps.add(new Gap(original, Reason.OLDER_ITEM, after(item.source().orderedSequencer())));
            }
        }
        return gaps;
    }

    /** Whether the item was made from an earlier version than the listed object. */
    static boolean isOlder(MediaItem item, Original original) {
        String itemETag = unquoted(item.source().eTag());
        if (itemETag != null && itemETag.equals(unquoted(original.eTag()))) {
            return false;
        }
        // Another ETag: an earlier version only if its upload came before this object's; an item made after
        // the listing was taken is of a version newer than the one listed.
        Instant made = item.uploadedAt() != null ? item.uploadedAt() : item.scoredAt();
        return made == null || original.lastModified() == null || made.isBefore(original.lastModified());
    }

    /** The hex sequencer one above {@code ordered} (a padded sequencer), as wide. */
    static String after(String ordered) {
        String digits = ordered == null || ordered.isEmpty() ? "0" : ordered;
        String next = new BigInteger(digits, 16).add(BigInteger.ONE).toString(16).toUpperCase(Locale.ROOT);
        return "0".repeat(Math.max(0, digits.length() - next.length())) + next;
    }

    private static String unquoted(String eTag) {
        if (eTag == null) {
            return null;
        }
        String t = eTag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
