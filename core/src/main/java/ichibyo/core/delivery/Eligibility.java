package ichibyo.core.delivery;

import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

/**
 * Whether a family gets an edition's movie of a period, and if not, why: what extract-targets
 * decides for every family, from plain data (the family record, the per-month counters, whether a
 * delivery record exists). Checks run cheapest and most final first: opted out, not premium, not
 * yet due in the family's zone, already delivered, too little material.
 *
 * @param familyId  the family
 * @param eligible  whether it gets the movie
 * @param reason    why not; null when eligible
 * @param usable    usable items of the edition's kinds in the period (counted when it got that far, else null)
 * @param required  the edition's {@link Edition#minItems()}
 * @param photos    usable photos in the period, counted only when the edition uses photos
 * @param videos    usable videos in the period, counted only when the edition uses videos
 */
public record Eligibility(String familyId, boolean eligible, SkipReason reason, Long usable, int required, Long photos, Long videos) {

    /**
     * @param counts           the family's counters by month (months without one count 0; other months are ignored)
     * @param alreadyDelivered whether a delivery record exists for this family, edition and period
     * @param now              when the run decides (the period must be due in the family's zone)
     */
    public static Eligibility check(Family family, Edition edition, Period period, Map<YearMonth, MaterialCount> counts,
            boolean alreadyDelivered, Instant now) {
        String id = family.familyId();
        int required = edition.minItems();
        if (family.optedOut()) {
            return skipped(id, SkipReason.OPTED_OUT, required);
        }
        if (edition.premiumOnly() && !family.premium()) {
            return skipped(id, SkipReason.NOT_PREMIUM, required);
        }
        if (!edition.isDue(period, now, family.zone())) {
            return skipped(id, SkipReason.NOT_DUE, required);
        }
        if (alreadyDelivered) {
            return skipped(id, SkipReason.ALREADY_DELIVERED, required);
        }
        MaterialCount total = MaterialCount.NONE;
        for (YearMonth month : period.months()) {
            total = total.plus(counts.getOrDefault(month, MaterialCount.NONE));
        }
        Long photos = edition.uses(MediaKind.PHOTO) ? total.photos() : null;
        Long videos = edition.uses(MediaKind.VIDEO) ? total.videos() : null;
        long usable = (photos == null ? 0 : photos) + (videos == null ? 0 : videos);
        if (usable < required) {
            return new Eligibility(id, false, SkipReason.TOO_LITTLE_MATERIAL, usable, required, photos, videos);
        }
        return new Eligibility(id, true, null, usable, required, photos, videos);
    }

    private static Eligibility skipped(String familyId, SkipReason reason, int required) {
        return new Eligibility(familyId, false, reason, null, required, null, null);
    }
}
