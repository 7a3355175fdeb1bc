package ichibyo.core.catalog;

import ichibyo.core.media.MediaKind;
import java.time.YearMonth;
import java.util.Locale;

/**
 * The keys of the catalog table (one DynamoDB table; docs/catalog.md has the access patterns).
 *
 * <pre>
 * item      pk = FAMILY#{familyId}            sk = MEDIA#{mediaId}
 * counter   pk = FAMILY#{familyId}            sk = COUNT#{yyyy-MM}        photos, videos (numbers)
 * GSI byMonth (sparse: usable items only)
 *           gsi1pk = FAMILY#{familyId}#{yyyy-MM}#{PHOTO|VIDEO}
 *           gsi1sk = {9999 − score×10000, 4 digits}#{takenAt}#{mediaId}   (ascending = best first)
 * GSI counts (sparse: counters only)
 *           gsi2pk = COUNT#{yyyy-MM}          gsi2sk = {familyId}
 * </pre>
 */
public final class CatalogKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String BY_MONTH_INDEX = "byMonth";
    public static final String BY_MONTH_PK = "gsi1pk";
    public static final String BY_MONTH_SK = "gsi1sk";
    public static final String COUNTS_INDEX = "counts";
    public static final String COUNTS_PK = "gsi2pk";
    public static final String COUNTS_SK = "gsi2sk";

    private CatalogKeys() {}

    public static String familyPk(String familyId) {
        return "FAMILY#" + familyId;
    }

    public static String mediaSk(String mediaId) {
        return "MEDIA#" + mediaId;
    }

    public static String countSk(YearMonth month) {
        return "COUNT#" + month;
    }

    /** The byMonth partition of a family's usable photos or videos of one month. */
    public static String byMonthPk(String familyId, YearMonth month, MediaKind kind) {
        return "FAMILY#" + familyId + "#" + month + "#" + kind;
    }

    /** Best first in ascending order; ties by taken-at time, then id, so the order is stable. */
    public static String byMonthSk(double score, java.time.Instant takenAt, String mediaId) {
        long inverted = 9999 - Math.round(Math.max(0, Math.min(1, score)) * 9999);
        return String.format(Locale.ROOT, "%04d#%s#%s", inverted, takenAt, mediaId);
    }

    public static String countsPk(YearMonth month) {
        return "COUNT#" + month;
    }
}
