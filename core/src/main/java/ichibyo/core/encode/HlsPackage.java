package ichibyo.core.encode;

import java.util.List;

/**
 * One output packaged as HLS with fMP4 segments: its media playlist, init segment and segments (file names in its
 * folder), and what a master playlist says of it.
 *
 * @param peakBitsPerSecond    the largest segment's bits ÷ its duration (the playlist's BANDWIDTH)
 * @param averageBitsPerSecond all segments' bits ÷ their duration (AVERAGE-BANDWIDTH)
 * @param codecs               the RFC 6381 codecs of its streams, e.g. {@code avc1.64001f,mp4a.40.2}
 */
public record HlsPackage(String profileId, List<String> files, List<Double> segmentSeconds, long peakBitsPerSecond,
                         long averageBitsPerSecond, int width, int height, double frameRate, String codecs) {
    public static final String PLAYLIST = "index.m3u8";
    public static final String INIT = "init.mp4";

    public HlsPackage {
        files = List.copyOf(files);
        segmentSeconds = List.copyOf(segmentSeconds);
    }
}
