package ichibyo.functions.delivery;

import ichibyo.core.family.Family;

/**
 * One line of a run's target list: what select-materials needs of an eligible family. In the large-plan
 * map only {@code familyId} is known (the plan has the rest).
 */
public record Target(String familyId, String displayName, boolean premium, String timeZone, String language) {
    public static Target of(Family f) {
        return new Target(f.familyId(), f.displayName(), f.premium(), f.timeZone(), f.language());
    }

    public Family toFamily() {
        return new Family(familyId, displayName, premium, timeZone, false, language);
    }
}
