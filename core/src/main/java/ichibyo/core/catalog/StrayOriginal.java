package ichibyo.core.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import ichibyo.core.Json;
import ichibyo.core.scoring.RejectReason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An object under a family's {@code originals/} that cannot have the family's item for its media id:
 * a name outside the strict form ({@code IMG.JPG}, no extension, spaces, sub-folders) or a second
 * extension for a media id already taken ({@code twin.mp4} after {@code twin.jpg}). It still gets an
 * item, {@code REJECTED} with its reason, so every original is visible in the family's catalog; the
 * item's id is the object's name under the family folder, which a strict media id can never be
 * (strict ids have no dots or slashes), so a stray item never replaces a real one.
 *
 * @param itemId the object's name below {@code originals/{familyId}/}
 */
public record StrayOriginal(String familyId, String itemId, String key) {
    private static final Pattern FAMILY_KEY = Pattern.compile("originals/([A-Za-z0-9_-]{1,64})/(.+)", Pattern.DOTALL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** The family and name of an object key outside the strict form, when its family folder is a valid id. */
    public static Optional<StrayOriginal> of(String key) {
        var m = key == null ? null : FAMILY_KEY.matcher(key);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StrayOriginal(m.group(1), m.group(2), key));
    }

    /** A strict key whose media id the family already has under another key. */
    public static StrayOriginal duplicate(OriginalKey key) {
        return new StrayOriginal(key.familyId(), key.mediaId() + "." + key.extension(), key.key());
    }

    /** Its {@code REJECTED} item: no derivatives, never counted nor selected. */
    public MediaItem rejected(SourceObject source, RejectReason reason, String detail, Instant uploadedAt, Instant scoredAt) {
        // Built by the strict factory and given the stray id, so it has exactly the fields every rejected item has.
        MediaItem strict = MediaItem.rejected(new OriginalKey(familyId, "stray", "jpg"), source, reason, detail, uploadedAt, scoredAt);
        Map<String, Object> fields = Json.mapper().convertValue(strict, MAP);
        fields.put("mediaId", itemId);
        return Json.mapper().convertValue(fields, MediaItem.class);
    }
}
