package ichibyo.core.render.internal;

import ichibyo.core.media.MediaLocation;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * One movie's filtergraph as it is written: the ffmpeg inputs (each with its options) and the graph
 * text; the segments ({@link ClipSegment}, {@link Crossfades}, {@link TitleSegment},
 * {@link WatermarkSegment}, {@link MusicSegment}) append to it.
 */
public final class Filtergraph {
    final int width;
    final int height;
    final int fps;
    private final RenderSettings settings;
    private final List<String> inputs = new ArrayList<>();
    private final StringBuilder graph = new StringBuilder();
    private int inputCount;

    Filtergraph(Output output, RenderSettings settings) {
        this.width = output.width();
        this.height = output.height();
        this.fps = output.fps();
        this.settings = settings;
    }

    /** Adds an input with its options; returns its index, for {@code [N:v]} and {@code [N:a]}. */
    int input(List<String> options, MediaLocation location) {
        inputs.addAll(List.of("-threads", String.valueOf(settings.decoderThreads())));
        inputs.addAll(options);
        inputs.addAll(List.of("-protocol_whitelist", location.protocolWhitelist(), "-i", location.ffmpegUrl()));
        return inputCount++;
    }

    /** The graph text, to append to. */
    StringBuilder graph() {
        return graph;
    }

    List<String> inputs() {
        return inputs;
    }

    /** Audio samples at 48 kHz in {@code frames} video frames. */
    long samples(int frames) {
        return Math.round(frames * 48000.0 / fps);
    }

    /** The nearest even number of pixels, at least 2 (H.264 and yuv420p want even sizes). */
    static int even(double pixels) {
        return Math.max(2, 2 * (int) Math.round(pixels / 2));
    }
}
