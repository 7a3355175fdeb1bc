package ichibyo.core.encode;

/**
 * A video codec a profile may ask for, with the FFmpeg encoder that makes it and the {@code codecs}
 * name an HLS playlist gives it. AV1 is libaom's (slow; for short masters).
 */
public enum Codec {
    H264("libx264", "avc1"),
    HEVC("libx265", "hvc1"),
    VP9("libvpx-vp9", "vp09"),
    AV1("libaom-av1", "av01");

    private final String encoder;
    private final String sampleEntry;

    Codec(String encoder, String sampleEntry) {
        this.encoder = encoder;
        this.sampleEntry = sampleEntry;
    }

    /** The highest CRF the encoder takes (x264 and x265: 51; libvpx and libaom: 63). */
    public int maxCrf() {
        return this == H264 || this == HEVC ? 51 : 63;
    }

    public String encoder() {
        return encoder;
    }

    /** The MP4 sample entry (and the start of the RFC 6381 codecs string). */
    public String sampleEntry() {
        return sampleEntry;
    }
}
