package ichibyo.core.delivery;

import ichibyo.core.edition.Period;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One family's movie of one edition's period: the unit that is delivered exactly once. Everything
 * about it that must be the same however often a step runs is derived from these three values: the
 * S3 keys, the delivery record's key and the delivery id that consumers de-duplicate on.
 *
 * @param familyId the family
 * @param edition  the edition id
 * @param period   the period
 */
public record Delivery(String familyId, String edition, Period period) {
    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EDITION = Pattern.compile("[a-z0-9-]{1,32}");

    public Delivery {
        if (familyId == null || !FAMILY.matcher(familyId).matches()) {
            throw new IllegalArgumentException("familyId must be 1–64 characters of A-Z a-z 0-9 _ -, not " + familyId);
        }
        if (edition == null || !EDITION.matcher(edition).matches()) {
            throw new IllegalArgumentException("edition must be 1–32 characters of a-z 0-9 -, not " + edition);
        }
        if (period == null) {
            throw new IllegalArgumentException("a delivery needs a period");
        }
    }

    /** {@code movies/{familyId}/{edition}/{period}.mp4} */
    public String movieKey() {
        return prefix() + ".mp4";
    }

    /** {@code movies/{familyId}/{edition}/{period}.jpg}: a frame of the movie for lists and notifications. */
    public String posterKey() {
        return prefix() + ".jpg";
    }

    /** {@code movies/{familyId}/{edition}/{period}.plan.json}: the render plan select-materials wrote. */
    public String planKey() {
        return prefix() + ".plan.json";
    }

    /** {@code movies/{familyId}/{edition}/{period}.selection.json}: what was chosen and why. */
    public String selectionKey() {
        return prefix() + ".selection.json";
    }

    private String prefix() {
        return "movies/" + familyId + "/" + edition + "/" + period.name();
    }

    /**
     * A name-based UUID (version 3) of family, edition and period: the same delivery always has the
     * same id, so a consumer that sees a MovieDelivered event twice can drop the second.
     */
    public String deliveryId() {
        return UUID.nameUUIDFromBytes(("ichibyo-delivery:" + familyId + ":" + edition + ":" + period.name())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The delivery record's partition key: beside the family's other items. */
    public String recordPk() {
        return "FAMILY#" + familyId;
    }

    /** The delivery record's sort key: {@code DELIVERY#{edition}#{period}}; written with {@code attribute_not_exists(pk)}. */
    public String recordSk() {
        return "DELIVERY#" + edition + "#" + period.name();
    }
}
