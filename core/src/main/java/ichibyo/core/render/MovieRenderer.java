package ichibyo.core.render;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.HeicDecoder;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaKind;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.Orientation;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import ichibyo.core.render.internal.GraphWriter;
import ichibyo.core.render.internal.PlanRules;
import ichibyo.core.render.internal.PreparedClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link RenderPlan} into an MP4 with <em>one</em> ffmpeg process and one filtergraph for
 * the whole movie: every clip is trimmed by input seeking (a 1-second moment of a long video decodes
 * about one second), turned upright, cropped to the movie's aspect around its focus point, scaled
 * once, and normalised (frame rate, SAR, pixel format, SDR); photos get their Ken Burns move;
 * clips are joined with crossfades (video {@code xfade}, audio {@code acrossfade}); then the title,
 * the watermark and the music ({@link GraphWriter} and its segments). Output: H.264 High yuv420p, AAC 48 kHz stereo, MP4 with faststart.
 *
 * <p>A plan is checked, and every input probed, before ffmpeg runs: a bad plan fails fast with a
 * named error ({@link InvalidRenderPlanException} and its subclasses, or a media error).
 */
public final class MovieRenderer {
    public static final String FONT_RESOURCE = TitleFont.LATIN.resource();

    private final MediaProbe probe;
    private final RenderSettings settings;

    public MovieRenderer(MediaProbe probe, RenderSettings settings) {
        this.probe = probe;
        this.settings = settings;
    }

    /** A renderer with the located ffmpeg binaries and default settings. */
    public static MovieRenderer local() {
        return new MovieRenderer(MediaProbe.local(), RenderSettings.DEFAULT);
    }

    public RenderSettings settings() {
        return settings;
    }

    /**
     * Renders {@code plan} into {@code output} (overwritten).
     *
     * @throws InvalidRenderPlanException                       the plan breaks a rule (named subclasses)
     * @throws ichibyo.core.media.exceptions.MediaException                an input is missing, undecodable or unsupported
     * @throws ichibyo.core.media.exceptions.FfmpegFailedException         ffmpeg failed (carries its stderr tail)
     * @throws ichibyo.core.media.exceptions.FfmpegTimeoutException        the render ran over its time limit and was killed
     */
    public RenderResult render(RenderPlan plan, Path output) {
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("ichibyo-render-");
            MovieCommand command = prepare(plan, output, workDir);
            Files.createDirectories(output.toAbsolutePath().getParent());
            probe.runner().ffmpeg(command.arguments(), settings.timeLimit());
            return new RenderResult(output, command.duration(), plan.output().width(), plan.output().height());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            WorkDirs.delete(workDir);
        }
    }

    /**
     * Checks the plan, probes its inputs and writes the filtergraph (and the files it names) into
     * {@code workDir}, without running ffmpeg. The benchmark and tools use it to see the command.
     */
    public MovieCommand prepare(RenderPlan plan, Path output, Path workDir) {
        PlanRules.check(plan);
        List<PreparedClip> clips = new ArrayList<>();
        for (int i = 0; i < plan.clips().size(); i++) {
            clips.add(prepareClip(i, plan.clips().get(i), plan.output(), workDir));
        }
        MediaLocation watermark = null;
        MediaInfo watermarkInfo = null;
        if (plan.watermark() != null) {
            watermark = MediaLocation.of(plan.watermark());
            watermarkInfo = probe.probe(watermark);
            if (!watermarkInfo.isPhoto() || watermarkInfo.isHeic()) {
                throw new InvalidRenderPlanException("the watermark " + watermark + " is not a PNG or JPEG picture");
            }
        }
        MediaInfo musicInfo = null;
        if (plan.music() != null) {
            musicInfo = probe.probe(MediaLocation.of(plan.music().source()));
            if (!musicInfo.hasAudio()) {
                throw new InvalidRenderPlanException("the music " + plan.music().source() + " has no sound");
            }
        }
        try {
            Path titleFile = null;
            Path font = null;
            if (plan.title() != null && !plan.title().isBlank()) {
                String title = PlanRules.cleanTitle(plan.title());
                titleFile = workDir.resolve("title.txt");
                Files.writeString(titleFile, title, StandardCharsets.UTF_8);
                // DejaVu for Latin titles, Noto Sans JP for Japanese ones: never boxes for a font's missing glyphs.
                font = TitleFont.forText(title).copyTo(workDir);
            }
            return new GraphWriter(plan, clips, watermark, watermarkInfo, musicInfo, titleFile, font, settings).write(output, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PreparedClip prepareClip(int index, Clip clip, Output output, Path workDir) {
        MediaLocation location = MediaLocation.of(clip.source());
        MediaInfo info = probe.probe(location);
        MediaKind expected = clip.kind();
        if (info.kind() != expected) {
            throw new InvalidRenderPlanException("clip " + index + " is a " + clip.kind().name().toLowerCase()
                    + " in the plan but " + location + " is a " + info.kind().name().toLowerCase());
        }
        if (info.isHeic()) {
            // The static ffmpeg cannot read HEIC: render from heif-convert's upright JPEG instead.
            HeicDecoder decoder = probe.heicDecoder().orElseThrow(() ->
                    new UnsupportedMediaException(clip.source() + " is HEIC, and there is " + HeicDecoder.NOT_FOUND));
            location = MediaLocation.of(decoder.decodeToJpeg(location.path(), workDir));
        }
        Orientation orientation = clip.orientation() == null ? info.orientation() : Orientation.fromExif(clip.orientation());
        int frames = Math.max(1, (int) Math.round(clip.durationOrDefault() * output.fps()));
        double start = clip.startOrZero();
        if (info.isVideo()) {
            // A moment past the end of a shorter video is moved back into it rather than refused.
            start = Math.clamp(start, 0, Math.max(0, info.duration() - clip.durationOrDefault()));
        }
        return new PreparedClip(clip, info, location, orientation, start, frames);
    }
}
