package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The search alone, on quality curves of the shape x264 shows: ln(1 − SSIM) a line in the CRF, or close to one. */
class CrfSearchTest {

    /** 1 − SSIM = base × e^(slope × (crf − 20)). */
    static IntToDoubleFunction curve(double base, double slope) {
        return crf -> 1 - base * Math.exp(slope * (crf - 20));
    }

    /** The largest CRF in the range at which the curve reaches {@code need}, by trying every one. */
    static int truth(IntToDoubleFunction curve, double need, int crfMin, int crfMax) {
        int best = crfMin;
        for (int crf = crfMin; crf <= crfMax; crf++) {
            if (curve.applyAsDouble(crf) >= need) {
                best = crf;
            }
        }
        return best;
    }

    @Test
    void onAStraightLineInLogSpace_findsTheLargestCrfThatMeetsTheTarget_inThreeProbes() {
        for (double base : new double[] {0.004, 0.01, 0.02, 0.03}) {
            for (double slope : new double[] {0.05, 0.09, 0.14}) {
                IntToDoubleFunction curve = curve(base, slope);
                List<Integer> probed = new ArrayList<>();
                CrfSearch.Choice choice = CrfSearch.search(0.97, 16, 40, 3, crf -> {
                    probed.add(crf);
                    return curve.applyAsDouble(crf);
                });
                int expected = truth(curve, 0.97, 16, 40);
                assertThat(probed).hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
                assertThat(choice.crf()).as("base %s slope %s", base, slope).isEqualTo(expected);
                assertThat(curve.applyAsDouble(choice.crf())).isGreaterThanOrEqualTo(0.97);
                assertThat(choice.probes()).extracting(CrfSearch.Probe::crf).containsExactlyElementsOf(probed);
            }
        }
    }

    @Test
    void onABentCurve_neverChoosesACrfThatMisses_andLandsWithinACoupleOfSteps() {
        // The slope steepens with the CRF (as real encoders do past the knee): the line between two probes overestimates a little.
        IntToDoubleFunction bent = crf -> 1 - 0.006 * Math.exp(0.05 * (crf - 20) + 0.004 * (crf - 20) * (crf - 20));
        CrfSearch.Choice choice = CrfSearch.search(0.97, 16, 44, 4, bent);
        int expected = truth(bent, 0.97, 16, 44);
        assertThat(bent.applyAsDouble(choice.crf())).isGreaterThanOrEqualTo(0.97);
        assertThat(choice.crf()).isBetween(expected - 2, expected);
        assertThat(choice.reached()).isTrue();
    }

    @Test
    void aTargetMetEverywhere_takesTheRangesHighestCrf_andOneMetNowhere_itsLowest_notReached() {
        CrfSearch.Choice easy = CrfSearch.search(0.97, 16, 40, 3, curve(0.0001, 0.09));
        assertThat(easy.crf()).isEqualTo(40);
        assertThat(easy.reached()).isTrue();
        CrfSearch.Choice impossible = CrfSearch.search(0.97, 16, 40, 3, curve(0.2, 0.09));
        assertThat(impossible.crf()).isEqualTo(16);
        assertThat(impossible.reached()).isFalse();
        assertThat(impossible.probes()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aFlatOrNoisyCurve_stillEndsWithinTheProbeBudget_onAMeasuredCrfThatMet() {
        int[] calls = {0};
        CrfSearch.Choice choice = CrfSearch.search(0.97, 18, 30, 4, crf -> {
            calls[0]++;
            return crf % 2 == 0 ? 0.975 : 0.968;
        });
        assertThat(calls[0]).isLessThanOrEqualTo(4);
        assertThat(choice.reached()).isTrue();
        assertThat(choice.probes()).anySatisfy(p -> assertThat(p.crf()).isLessThanOrEqualTo(choice.crf()));
    }
}
