package ichibyo.core.render.internal;

import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.render.MovieCommand;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the ffmpeg arguments and the filtergraph script of one movie from its segments: each clip's
 * chain, the crossfades that join them, then the title, the watermark and the music.
 */
public final class GraphWriter {
    private final RenderPlan plan;
    private final List<PreparedClip> clips;
    private final MediaLocation watermark;
    private final MediaInfo watermarkInfo;
    private final MediaInfo musicInfo;
    private final Path titleFile;
    private final Path font;
    private final RenderSettings settings;

    /**
     * @param watermark null without one
     * @param musicInfo null without music
     * @param titleFile the title's text, null without a title (then {@code font} is null too)
     */
    public GraphWriter(RenderPlan plan, List<PreparedClip> clips, MediaLocation watermark, MediaInfo watermarkInfo,
            MediaInfo musicInfo, Path titleFile, Path font, RenderSettings settings) {
        this.plan = plan;
        this.clips = clips;
        this.watermark = watermark;
        this.watermarkInfo = watermarkInfo;
        this.musicInfo = musicInfo;
        this.titleFile = titleFile;
        this.font = font;
        this.settings = settings;
    }

    /** Writes the filtergraph script into {@code workDir}; returns the command that renders into {@code output}. */
    public MovieCommand write(Path output, Path workDir) throws IOException {
        Filtergraph g = new Filtergraph(plan.output(), settings);
        int n = clips.size();
        int[] frames = clips.stream().mapToInt(PreparedClip::frames).toArray();
        int shortest = Arrays.stream(frames).min().orElse(1);
        // Whole frames, and short enough that every clip keeps at least one frame of its own.
        int crossfadeFrames = n < 2 ? 0
                : Math.max(0, Math.min((int) Math.round(plan.output().edition().crossfade() * g.fps), (shortest - 1) / 2));
        double total = (double) (Arrays.stream(frames).sum() - (n - 1) * crossfadeFrames) / g.fps;

        ClipSegment clipSegment = new ClipSegment(g);
        for (int i = 0; i < n; i++) {
            PreparedClip clip = clips.get(i);
            int input = clip.info().isPhoto() ? clipSegment.photo(i, clip) : clipSegment.video(i, clip);
            clipSegment.audio(i, clip, input);
        }
        new Crossfades(g).join(frames, crossfadeFrames);
        String video = "vjoined";
        if (titleFile != null) {
            video = new TitleSegment(g, plan.title(), titleFile, font).title(video, total);
        }
        if (watermark != null) {
            video = new WatermarkSegment(g, watermark, watermarkInfo).watermark(video);
        }
        g.graph().append('[').append(video).append("]format=yuv420p[vout];\n");
        String audio = "ajoined";
        if (musicInfo != null) {
            audio = new MusicSegment(g, plan.music(), musicInfo).music(audio, total);
        }
        g.graph().append('[').append(audio).append("]aformat=sample_rates=48000:channel_layouts=stereo[aout]\n");

        Path script = workDir.resolve("movie.filtergraph");
        Files.writeString(script, g.graph(), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("-nostats", "-v", "warning"));
        args.addAll(g.inputs());
        args.addAll(List.of("-filter_complex_script", script.toString(),
                "-map", "[vout]", "-map", "[aout]",
                "-c:v", "libx264", "-preset", settings.x264Preset(), "-crf", String.valueOf(settings.crf()),
                "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2",
                "-movflags", "+faststart", "-f", "mp4", "-y", output.toAbsolutePath().toString()));
        return new MovieCommand(args, g.graph().toString(), total);
    }
}
