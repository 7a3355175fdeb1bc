package ichibyo.core.encode;

import java.util.List;

/**
 * The CRF plan-chunks chose for one chunk of a target-quality profile, and the probes it chose it from: written
 * in the plan, so encode-chunk encodes with it, a retry encodes the same, and the work log can say why.
 *
 * @param reached whether a probe showed the target (plus its safety margin) met at this CRF or a lower one; false
 *                when even the range's lowest CRF missed it (the chunk is then encoded at the best the range allows)
 */
public record ChunkRate(String profileId, int chunk, int crf, double targetSsim, boolean reached, List<CrfSearch.Probe> probes) {
    public ChunkRate {
        probes = probes == null ? List.of() : List.copyOf(probes);
    }
}
