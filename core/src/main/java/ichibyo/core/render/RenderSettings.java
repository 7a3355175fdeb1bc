package ichibyo.core.render;

import java.time.Duration;

/**
 * How hard the encoder works and how long a render may take.
 *
 * @param x264Preset     libx264 preset; {@code veryfast} is about 3× cheaper than {@code medium} for
 *                       a small loss that crf pays back
 * @param crf            libx264 constant rate factor (lower is better and larger)
 * @param decoderThreads threads per input decoder: each input decodes about one second, so frame
 *                       threading buys little and costs memory; x264 uses the cores
 * @param timeLimit      a render running longer is killed
 */
public record RenderSettings(String x264Preset, int crf, int decoderThreads, Duration timeLimit) {
    public static final RenderSettings DEFAULT = new RenderSettings("veryfast", 21, 1, Duration.ofMinutes(10));

    public RenderSettings withTimeLimit(Duration limit) {
        return new RenderSettings(x264Preset, crf, decoderThreads, limit);
    }

    public RenderSettings withQuality(String preset, int crf) {
        return new RenderSettings(preset, crf, decoderThreads, timeLimit);
    }
}
