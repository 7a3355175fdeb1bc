package ichibyo.core.media;

/** The transfer function of a video: SDR, or one of the two HDR ones phones record. */
public enum HdrTransfer {
    SDR(null),
    /** Perceptual quantizer (HDR10, Dolby Vision base layers). */
    PQ("smpte2084"),
    /** Hybrid log-gamma (iPhone HDR video). */
    HLG("arib-std-b67");

    private final String ffmpegName;

    HdrTransfer(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    /** The name ffprobe reports as {@code color_transfer} and zscale takes as {@code tin}. */
    public String ffmpegName() {
        return ffmpegName;
    }

    public static HdrTransfer fromColorTransfer(String colorTransfer) {
        if (colorTransfer != null) {
            for (HdrTransfer t : values()) {
                if (colorTransfer.equals(t.ffmpegName)) {
                    return t;
                }
            }
        }
        return SDR;
    }
}
