package ichibyo.demo;

import ichibyo.core.render.Clip;
import ichibyo.core.render.EditionStyle;
import ichibyo.core.render.FocusPoint;
import ichibyo.core.render.KenBurns;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.Music;
import ichibyo.core.render.Output;
import ichibyo.core.render.Region;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderResult;
import ichibyo.core.render.RenderSettings;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.samples.SampleMedia;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Renders a sample 1-second movie from the real photos and videos that scripts/setup installs:
 * three camera group photos with Ken Burns moves, a moment of a street video, a moment of a film
 * with its own sound, a title, a watermark and music (both made at run time).
 *
 * <p>The moments ({@link #moments()}) and the look ({@link #plan(List, Path, Path)}) are shared: {@code
 * ichibyo-local demo} uploads the same files to the local runtime, lets score-media catalog them and
 * renders this plan from the uploaded copies. {@link #main} is the renderer alone, straight from the
 * local files.
 *
 * <p>Usage: {@code DemoMovie [output.mp4]} (default {@code out/demo-movie.mp4}); prints the path and
 * the length, and leaves the plan ({@code output.mp4.plan.json}) and its generated assets
 * ({@code demo-assets/}) beside the movie.
 */
public final class DemoMovie {
    /** The demo movie's title. */
    public static final String TITLE = "Summer: 'Tanaka' family, 100% fun!";

    private DemoMovie() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "out/demo-movie.mp4").toAbsolutePath();
        Files.createDirectories(output.getParent());
        // The generated watermark and music stay beside the movie, with the plan that names them.
        Path assets = Files.createDirectories(output.resolveSibling("demo-assets"));
        MediaProbe probe = MediaProbe.local();
        RenderPlan plan = plan(watermark(assets), music(probe.runner(), assets));
        Files.writeString(output.resolveSibling(output.getFileName() + ".plan.json"), plan.toJson());

        long started = System.nanoTime();
        RenderResult result = new MovieRenderer(probe, RenderSettings.DEFAULT).render(plan, output);
        double seconds = (System.nanoTime() - started) / 1e9;
        MediaInfo rendered = probe.probe(result.output());
        System.out.printf("%s%n  %d×%d, %.2f s (planned %.2f s), %d clips, rendered in %.1f s%n",
                result.output(), rendered.width(), rendered.height(), rendered.duration(), result.duration(),
                plan.clips().size(), seconds);
    }

    /**
     * One moment of the demo: a sample file, a name for it (usable as a media id) and how it is
     * shown; {@code clip}'s source is the local file.
     */
    public record Moment(String name, Path file, Clip clip) {}

    /** The demo's moments, in the order of the movie. */
    public static List<Moment> moments() {
        return List.of(
                photo("group-photo-1", SampleMedia.groupPhoto(1),
                        new KenBurns(Region.WHOLE, new Region(0.15, 0.1, 0.75, 0.75)), clip -> clip.withDuration(1.5)),
                video("street-video", SampleMedia.streetVideo(), 12.0, clip -> clip),
                photo("group-photo-4", SampleMedia.groupPhoto(4),
                        new KenBurns(new Region(0.1, 0.1, 0.8, 0.8), Region.WHOLE), clip -> clip.withDuration(1.5)),
                video("film", SampleMedia.filmWithAudio(), 3.0, clip -> clip.withDuration(1.5)),
                photo("group-photo-6", SampleMedia.groupPhoto(6), null, clip -> clip.withDuration(1.5)),
                // A portrait in a landscape frame: a crop would cut her face, so it is shown whole over a blurred fill.
                photo("portrait", SampleMedia.portrait(), KenBurns.zoomInto(new FocusPoint(0.5, 0.45), 1.1),
                        clip -> clip.withFocus(new FocusPoint(0.5, 0.4), new Region(0.15, 0.1, 0.7, 0.65))));
    }

    private static Moment photo(String name, Path file, KenBurns move, UnaryOperator<Clip> shown) {
        return new Moment(name, file, shown.apply(Clip.photo(file.toString(), move)));
    }

    private static Moment video(String name, Path file, double start, UnaryOperator<Clip> shown) {
        return new Moment(name, file, shown.apply(Clip.video(file.toString(), start)));
    }

    /** The demo's look around {@code clips}: HD, the monthly edition's style, the title, the watermark, the music. */
    public static RenderPlan plan(List<Clip> clips, Path watermark, Path music) {
        return RenderPlan.of(Output.hd(EditionStyle.MONTHLY), TITLE, watermark.toString(), new Music(music.toString(), 0, 0.4), clips);
    }

    /** The demo's moments read from the local sample files. */
    static RenderPlan plan(Path watermark, Path music) {
        return plan(moments().stream().map(Moment::clip).toList(), watermark, music);
    }

    /** A small translucent PNG: the service's mark. */
    public static Path watermark(Path dir) throws IOException {
        BufferedImage image = new BufferedImage(360, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0, 0, 0, 110));
        g.fillRoundRect(0, 0, 360, 100, 40, 40);
        g.setColor(new Color(255, 255, 255, 230));
        g.setStroke(new BasicStroke(6));
        g.drawOval(18, 18, 64, 64);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 52));
        g.drawString("ichibyo", 100, 68);
        g.dispose();
        Path png = dir.resolve("watermark.png");
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    /** Twenty seconds of a soft major chord that swells and fades, as AAC. */
    public static Path music(FfmpegRunner runner, Path dir) {
        Path m4a = dir.resolve("music.m4a");
        String chord = "0.12*sin(2*PI*261.63*t)+0.10*sin(2*PI*329.63*t)+0.08*sin(2*PI*392.0*t)"
                + "+0.05*sin(2*PI*523.25*t)*(0.5+0.5*sin(2*PI*0.5*t))";
        runner.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "aevalsrc=" + chord + ":s=48000:c=stereo:d=20",
                "-c:a", "aac", "-b:a", "128k", "-y", m4a.toString()), Duration.ofSeconds(60));
        return m4a;
    }
}
