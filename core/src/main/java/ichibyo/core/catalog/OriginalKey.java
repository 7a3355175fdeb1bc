package ichibyo.core.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an uploaded original lives in the media bucket: {@code originals/{familyId}/{mediaId}.{ext}}.
 * Ids are 1–64 characters of {@code A–Z a–z 0–9 _ -} (no dots, slashes or control characters, so no
 * key can climb out of its family's prefix); the extension comes from the content type.
 */
public record OriginalKey(String familyId, String mediaId, String extension) {
    public static final String PREFIX = "originals/";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern KEY = Pattern.compile("originals/([A-Za-z0-9_-]{1,64})/([A-Za-z0-9_-]{1,64})\\.([a-z0-9]{2,5})");

    /** The content types an upload may declare, and the extension each gets. */
    public static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "image/heic", "heic",
            "image/heif", "heif",
            "video/mp4", "mp4",
            "video/quicktime", "mov");

    public OriginalKey {
        requireId("familyId", familyId);
        requireId("mediaId", mediaId);
        if (!EXTENSIONS.containsValue(extension)) {
            throw new InvalidKeyException("extension", "not one of " + EXTENSIONS.values());
        }
    }

    /** The key for an upload of {@code contentType}. */
    public static OriginalKey forUpload(String familyId, String mediaId, String contentType) {
        String extension = contentType == null ? null : EXTENSIONS.get(contentType.toLowerCase(Locale.ROOT).trim());
        if (extension == null) {
            throw new InvalidKeyException("contentType", "must be one of " + EXTENSIONS.keySet().stream().sorted().toList());
        }
        return new OriginalKey(familyId, mediaId, extension);
    }

    /** Parses an S3 object key (already URL-decoded). */
    public static OriginalKey parse(String key) {
        var m = key == null ? null : KEY.matcher(key);
        if (m == null || !m.matches()) {
            throw new InvalidKeyException("key", "not of the form originals/{familyId}/{mediaId}.{ext}");
        }
        return new OriginalKey(m.group(1), m.group(2), m.group(3));
    }

    public String key() {
        return PREFIX + familyId + "/" + mediaId + "." + extension;
    }

    /** Where the thumbnail of this original goes. */
    public String thumbnailKey() {
        return "derived/" + familyId + "/" + mediaId + "/thumbnail.jpg";
    }

    /** Where the poster frame of this original (a video) goes. */
    public String posterKey() {
        return "derived/" + familyId + "/" + mediaId + "/poster.jpg";
    }

    private static void requireId(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidKeyException(name, "must be 1–64 characters of A-Z a-z 0-9 _ -");
        }
    }

    /** A key or an id that does not have the strict form: the caller's mistake, never retried. */
    public static final class InvalidKeyException extends IllegalArgumentException {
        private final String field;

        public InvalidKeyException(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
