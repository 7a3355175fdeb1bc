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
 * @param threads        threads of the filtergraph and of x264; 0 lets FFmpeg size both to the cores it sees, which
 *                       is right where a render has its machine to itself (a Lambda sandbox, a Fargate task). Where
 *                       renders share cores (one machine running several), give each its share: x264 sized for
 *                       every core, beside another render, spends more CPU on the same movie
 */
public record RenderSettings(String x264Preset, int crf, int decoderThreads, Duration timeLimit, int threads) {
    public static final RenderSettings DEFAULT = new RenderSettings("veryfast", 21, 1, Duration.ofMinutes(10), 0);

    public RenderSettings {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (FFmpeg decides) or more, not " + threads);
        }
    }

    public RenderSettings withTimeLimit(Duration limit) {
        return new RenderSettings(x264Preset, crf, decoderThreads, limit, threads);
    }

    public RenderSettings withQuality(String preset, int crf) {
        return new RenderSettings(preset, crf, decoderThreads, timeLimit, threads);
    }

    public RenderSettings withThreads(int threads) {
        return new RenderSettings(x264Preset, crf, decoderThreads, timeLimit, threads);
    }
}
