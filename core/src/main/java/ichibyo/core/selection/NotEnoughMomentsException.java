package ichibyo.core.selection;

/**
 * Fewer moments than the edition's fewest after near-duplicates were suppressed: no movie for this
 * family this period (the counters said there was enough, but much of it was the same moment).
 */
public final class NotEnoughMomentsException extends RuntimeException {
    private final String familyId;
    private final int moments;
    private final int required;

    public NotEnoughMomentsException(String familyId, int moments, int required) {
        super("family " + familyId + " has " + moments + " distinct moments, fewer than the " + required + " the edition needs");
        this.familyId = familyId;
        this.moments = moments;
        this.required = required;
    }

    public String familyId() {
        return familyId;
    }

    public int moments() {
        return moments;
    }

    public int required() {
        return required;
    }
}
