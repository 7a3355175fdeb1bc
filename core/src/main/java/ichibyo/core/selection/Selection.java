package ichibyo.core.selection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.edition.Period;
import java.util.List;
import java.util.Map;

/**
 * What select-materials chose for one family's movie and why: written beside the render plan so a
 * support engineer can answer "why is this photo in my movie?" (and "why not that one?").
 *
 * @param version     the document's format, {@value #CURRENT_VERSION}
 * @param familyId    the family
 * @param edition     the edition id
 * @param period      the period
 * @param candidates  items that could be chosen (usable, the edition's kinds, in the period)
 * @param minMoments  the edition's fewest moments
 * @param picks       the moments, in the movie's (chronological) order
 * @param suppressed  near-duplicates left out, with what they duplicate
 * @param leftOut     items that were no candidates, counted by reason
 * @param slices      the stretches of the period and how many candidates and picks each had
 */
public record Selection(int version, String familyId, String edition, Period period, int candidates, int minMoments,
                        List<Pick> picks, List<Suppressed> suppressed, Map<LeftOutReason, Integer> leftOut, List<Slice> slices) {
    public static final int CURRENT_VERSION = 1;

    /** Whether there are enough moments for a movie. */
    @JsonIgnore
    public boolean isEnough() {
        return picks.size() >= minMoments;
    }

    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
