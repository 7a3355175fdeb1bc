package ichibyo.core.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * Finds the largest CRF (the fewest bits) whose quality reaches a target, with a few probes: quality against CRF
 * is close to a straight line in log space over a small range ({@code ln(1 − SSIM)} rises about linearly with the
 * CRF), so two probes give a line, the line gives the CRF that meets the target, and a third probe checks it.
 * Every probe narrows the bracket between the largest CRF that met the target and the smallest one above it that
 * did not; the chosen CRF is the largest measured one that met it, or, between a met and a missed probe, the
 * line's CRF between them (an interpolation, never an extrapolation upward). When no probe meets the target the
 * line's extrapolation downward is taken, at worst the range's lowest CRF, and the choice says it was not reached.
 */
public final class CrfSearch {
    /** Typical slope of ln(1 − SSIM) per CRF step (x264/x265: 1 − SSIM doubles about every 8 CRF), for the second probe. */
    static final double DEFAULT_SLOPE = Math.log(2) / 8;
    /** 1 − SSIM never reaches 0 in the log. */
    private static final double FLOOR = 1e-5;

    private CrfSearch() {}

    /** One probe encode: its CRF and the mean SSIM it measured. */
    public record Probe(int crf, double ssim) {}

    /**
     * @param crf     the chosen CRF
     * @param reached whether a probe at or below the chosen CRF measured at least the needed SSIM
     * @param probes  every probe, in the order made
     */
    public record Choice(int crf, boolean reached, List<Probe> probes) {
        public Choice {
            probes = List.copyOf(probes);
        }
    }

    /**
     * @param need     the SSIM to reach (the target plus a safety margin)
     * @param crfMin   the search range, both ends included
     * @param maxProbes at most this many calls of {@code measure}
     * @param measure  CRF → mean SSIM of a probe encode
     */
    public static Choice search(double need, int crfMin, int crfMax, int maxProbes, IntToDoubleFunction measure) {
        if (crfMin > crfMax || maxProbes < 1) {
            throw new IllegalArgumentException("a CRF search needs crfMin ≤ crfMax and a probe: " + crfMin + "–" + crfMax + ", " + maxProbes);
        }
        TreeMap<Integer, Double> measured = new TreeMap<>();
        List<Probe> probes = new ArrayList<>();
        int next = (crfMin + crfMax + 1) / 2;
        while (probes.size() < maxProbes) {
            double ssim = measure.applyAsDouble(next);
            measured.put(next, ssim);
            probes.add(new Probe(next, ssim));
            Integer candidate = nextProbe(need, crfMin, crfMax, measured);
            if (candidate == null) {
                break;
            }
            next = candidate;
        }
        return choose(need, crfMin, crfMax, measured, probes);
    }

    /** The next CRF worth probing, or null when the bracket is closed (or an end of the range settles it). */
    static Integer nextProbe(double need, int crfMin, int crfMax, TreeMap<Integer, Double> measured) {
        Integer met = largestMet(need, measured);
        Integer missed = smallestMissedAbove(need, measured, met);
        if (met != null && met == crfMax || missed != null && missed == crfMin || met != null && missed != null && missed == met + 1) {
            return null;
        }
        int low = met != null ? met + 1 : crfMin;
        int high = missed != null ? missed - 1 : crfMax;
        if (low > high) {
            return null;
        }
        return clamp((int) Math.floor(lineCrf(need, measured, met, missed)), low, high);
    }

    static Choice choose(double need, int crfMin, int crfMax, TreeMap<Integer, Double> measured, List<Probe> probes) {
        Integer met = largestMet(need, measured);
        Integer missed = smallestMissedAbove(need, measured, met);
        if (met != null) {
            if (missed != null && missed > met + 1) {
                // Between a met and a missed probe: the line between them, rounded down (towards more bits).
                return new Choice(clamp((int) Math.floor(lineCrf(need, measured, met, missed)), met, missed - 1), true, probes);
            }
            return new Choice(met, true, probes);
        }
        int lowest = measured.firstKey();
        int crf = lowest == crfMin ? crfMin : clamp((int) Math.floor(lineCrf(need, measured, null, missed)), crfMin, lowest - 1);
        return new Choice(crf, false, probes);
    }

    /** The CRF at which the line through the bracket (or the two nearest probes, or one probe and the typical slope) meets {@code need}. */
    private static double lineCrf(double need, TreeMap<Integer, Double> measured, Integer met, Integer missed) {
        int a;
        int b;
        if (met != null && missed != null) {
            a = met;
            b = missed;
        } else if (measured.size() >= 2) {
            // The two probes nearest the side still open: the highest two when all met, the lowest two when all missed.
            a = met != null ? measured.lowerKey(measured.lastKey()) : measured.firstKey();
            b = met != null ? measured.lastKey() : measured.higherKey(measured.firstKey());
        } else {
            int only = measured.firstKey();
            return only + (log(need) - log(measured.get(only))) / DEFAULT_SLOPE;
        }
        double slope = (log(measured.get(b)) - log(measured.get(a))) / (b - a);
        if (!(slope > 1e-4)) {
            // Flat or falling (noise, or a picture the encoder codes almost losslessly): no line, take the typical slope.
            slope = DEFAULT_SLOPE;
        }
        return a + (log(need) - log(measured.get(a))) / slope;
    }

    private static Integer largestMet(double need, TreeMap<Integer, Double> measured) {
        Integer met = null;
        for (var e : measured.entrySet()) {
            if (e.getValue() >= need) {
                met = e.getKey();
            }
        }
        return met;
    }

    private static Integer smallestMissedAbove(double need, TreeMap<Integer, Double> measured, Integer met) {
        for (var e : measured.entrySet()) {
            if ((met == null || e.getKey() > met) && e.getValue() < need) {
                return e.getKey();
            }
        }
        return null;
    }

    private static double log(double ssim) {
        return Math.log(Math.max(FLOOR, 1 - ssim));
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
