package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;

/**
 * How a profile spends bits: a constant quality ({@code CRF}), a constant quality capped by a VBV model
 * ({@code CAPPED_CRF}: {@code maxrateKbps} and {@code bufsizeKbps}, what streaming ladders use), an
 * average bitrate ({@code BITRATE}, with an optional cap), or a measured quality ({@code TARGET_QUALITY}:
 * every chunk at least {@code targetSsim}, mean SSIM of its frames against the master, with the fewest bits;
 * plan-chunks searches each chunk's CRF in {@code crfMin}–{@code crfMax} with {@code probes} short probe
 * encodes, and encode-chunk uses the CRF the plan chose, capped by {@code maxrateKbps}/{@code bufsizeKbps} if given).
 */
public record RateControl(Mode mode, Integer crf, Integer bitrateKbps, Integer maxrateKbps, Integer bufsizeKbps,
                          Double targetSsim, Integer crfMin, Integer crfMax, Integer probes) {

    public enum Mode { CRF, CAPPED_CRF, BITRATE, TARGET_QUALITY }

    /** Probe encodes per chunk when a target-quality profile names none. */
    public static final int DEFAULT_PROBES = 3;
    /** Fewer than two probes cannot interpolate; more than four costs more than it saves. */
    public static final int MIN_PROBES = 2;
    public static final int MAX_PROBES = 4;
    /** SSIM targets this side of the range mean something: below 0.5 is no picture, above 0.999 is no compression. */
    public static final double MIN_TARGET_SSIM = 0.5;
    public static final double MAX_TARGET_SSIM = 0.999;

    public RateControl {
        if (mode == null) {
            throw new InvalidProfileException("rate control needs a mode (CRF, CAPPED_CRF, BITRATE or TARGET_QUALITY)");
        }
        if (mode != Mode.TARGET_QUALITY) {
            require(targetSsim == null && crfMin == null && crfMax == null && probes == null,
                    "targetSsim, crfMin, crfMax and probes belong to TARGET_QUALITY, not " + mode);
        }
        switch (mode) {
            case CRF -> require(crf != null && crf >= 0 && crf <= 63, "CRF needs crf 0–63");
            case CAPPED_CRF -> require(crf != null && crf >= 0 && crf <= 63 && positive(maxrateKbps) && positive(bufsizeKbps),
                    "CAPPED_CRF needs crf 0–63, maxrateKbps and bufsizeKbps");
            case BITRATE -> require(positive(bitrateKbps), "BITRATE needs bitrateKbps");
            case TARGET_QUALITY -> {
                require(targetSsim != null && targetSsim >= MIN_TARGET_SSIM && targetSsim <= MAX_TARGET_SSIM,
                        "TARGET_QUALITY needs targetSsim " + MIN_TARGET_SSIM + "–" + MAX_TARGET_SSIM + ", not " + targetSsim);
                require(crf == null && bitrateKbps == null,
                        "TARGET_QUALITY chooses the CRF of every chunk itself: give crfMin and crfMax, not crf or bitrateKbps");
                require(crfMin != null && crfMax != null && crfMin >= 0 && crfMax <= 63 && crfMin < crfMax && crfMax - crfMin <= 40,
                        "TARGET_QUALITY needs a CRF search range crfMin < crfMax within 0–63 (at most 40 apart), not " + crfMin + "–" + crfMax);
                require(probes == null || (probes >= MIN_PROBES && probes <= MAX_PROBES),
                        "TARGET_QUALITY probes per chunk " + MIN_PROBES + "–" + MAX_PROBES + ", not " + probes);
                require((maxrateKbps == null) == (bufsizeKbps == null) && (maxrateKbps == null || (positive(maxrateKbps) && positive(bufsizeKbps))),
                        "a TARGET_QUALITY cap needs both maxrateKbps and bufsizeKbps, or neither");
            }
        }
    }

    public static RateControl crf(int crf) {
        return new RateControl(Mode.CRF, crf, null, null, null, null, null, null, null);
    }

    public static RateControl cappedCrf(int crf, int maxrateKbps, int bufsizeKbps) {
        return new RateControl(Mode.CAPPED_CRF, crf, null, maxrateKbps, bufsizeKbps, null, null, null, null);
    }

    public static RateControl bitrate(int bitrateKbps, Integer maxrateKbps, Integer bufsizeKbps) {
        return new RateControl(Mode.BITRATE, null, bitrateKbps, maxrateKbps, bufsizeKbps, null, null, null, null);
    }

    /** @param maxrateKbps null for no cap (then {@code bufsizeKbps} is null too) */
    public static RateControl targetSsim(double targetSsim, int crfMin, int crfMax, Integer probes, Integer maxrateKbps, Integer bufsizeKbps) {
        return new RateControl(Mode.TARGET_QUALITY, null, null, maxrateKbps, bufsizeKbps, targetSsim, crfMin, crfMax, probes);
    }

    public boolean isTargetQuality() {
        return mode == Mode.TARGET_QUALITY;
    }

    /** Probe encodes per chunk of a target-quality profile. */
    public int probesPerChunk() {
        return probes != null ? probes : DEFAULT_PROBES;
    }

    /**
     * What one chunk of a target-quality profile is encoded with once its CRF is chosen: that CRF, capped as the
     * profile caps it. A fixed rate control is its own.
     */
    public RateControl forChunk(int chosenCrf) {
        if (mode != Mode.TARGET_QUALITY) {
            return this;
        }
        if (chosenCrf < crfMin || chosenCrf > crfMax) {
            throw new InvalidProfileException("CRF " + chosenCrf + " is outside the profile's search range " + crfMin + "–" + crfMax);
        }
        return maxrateKbps != null ? cappedCrf(chosenCrf, maxrateKbps, bufsizeKbps) : crf(chosenCrf);
    }

    /** The most bits per second the output may use, for a playlist's BANDWIDTH (0 when unbounded). */
    public int peakKbps() {
        return switch (mode) {
            case CRF -> 0;
            case CAPPED_CRF -> maxrateKbps;
            case BITRATE -> maxrateKbps != null ? maxrateKbps : bitrateKbps;
            case TARGET_QUALITY -> maxrateKbps != null ? maxrateKbps : 0;
        };
    }

    private static boolean positive(Integer value) {
        return value != null && value > 0 && value <= 500_000;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidProfileException(message);
        }
    }
}
