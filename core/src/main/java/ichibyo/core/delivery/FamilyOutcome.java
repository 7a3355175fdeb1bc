package ichibyo.core.delivery;

/**
 * What a run did for one family: delivered, skipped with a reason, or failed with an error.
 *
 * @param familyId       the family
 * @param status         delivered, skipped or failed
 * @param reason         skipped: why
 * @param error          failed: the error's name (a Step Functions error, an exception class)
 * @param cause          failed: its message
 * @param durationMillis how long the family's movie took, start to delivered (or to failure); null if not measured
 * @param movieKey       delivered: the movie
 */
public record FamilyOutcome(String familyId, Status status, SkipReason reason, String error, String cause,
                            Long durationMillis, String movieKey) {
    public enum Status { DELIVERED, SKIPPED, FAILED }

    public static FamilyOutcome delivered(String familyId, String movieKey, long durationMillis) {
        return new FamilyOutcome(familyId, Status.DELIVERED, null, null, null, durationMillis, movieKey);
    }

    public static FamilyOutcome skipped(String familyId, SkipReason reason) {
        return new FamilyOutcome(familyId, Status.SKIPPED, reason, null, null, null, null);
    }

    public static FamilyOutcome failed(String familyId, String error, String cause, Long durationMillis) {
        return new FamilyOutcome(familyId, Status.FAILED, null, error, cause, durationMillis, null);
    }
}
