package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;

/**
 * How a profile spends bits: a constant quality ({@code CRF}), a constant quality capped by a VBV model
 * ({@code CAPPED_CRF}: {@code maxrateKbps} and {@code bufsizeKbps}, what streaming ladders use), or an
 * average bitrate ({@code BITRATE}, with an optional cap).
 */
public record RateControl(Mode mode, Integer crf, Integer bitrateKbps, Integer maxrateKbps, Integer bufsizeKbps) {

    public enum Mode { CRF, CAPPED_CRF, BITRATE }

    public RateControl {
        if (mode == null) {
            throw new InvalidProfileException("rate control needs a mode (CRF, CAPPED_CRF or BITRATE)");
        }
        switch (mode) {
            case CRF -> require(crf != null && crf >= 0 && crf <= 63, "CRF needs crf 0–63");
            case CAPPED_CRF -> require(crf != null && crf >= 0 && crf <= 63 && positive(maxrateKbps) && positive(bufsizeKbps),
                    "CAPPED_CRF needs crf 0–63, maxrateKbps and bufsizeKbps");
            case BITRATE -> require(positive(bitrateKbps), "BITRATE needs bitrateKbps");
        }
    }

    public static RateControl crf(int crf) {
        return new RateControl(Mode.CRF, crf, null, null, null);
    }

    public static RateControl cappedCrf(int crf, int maxrateKbps, int bufsizeKbps) {
        return new RateControl(Mode.CAPPED_CRF, crf, null, maxrateKbps, bufsizeKbps);
    }

    /** The most bits per second the output may use, for a playlist's BANDWIDTH (0 when unbounded). */
    public int peakKbps() {
        return switch (mode) {
            case CRF -> 0;
            case CAPPED_CRF -> maxrateKbps;
            case BITRATE -> maxrateKbps != null ? maxrateKbps : bitrateKbps;
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
