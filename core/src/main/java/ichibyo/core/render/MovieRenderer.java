package ichibyo.core.render;

import static ichibyo.core.render.FilterText.num;
import static ichibyo.core.render.FilterText.optionValue;

import ichibyo.core.media.WorkDirs;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.HeicDecoder;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaKind;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.Orientation;
import ichibyo.core.media.UnsupportedMediaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders a {@link RenderPlan} into an MP4 with <em>one</em> ffmpeg process and one filtergraph for
 * the whole movie: every clip is trimmed by input seeking (a 1-second moment of a long video decodes
 * about one second), turned upright, cropped to the movie's aspect around its focus point, scaled
 * once, and normalised (frame rate, SAR, pixel format, SDR); photos get their Ken Burns move;
 * clips are joined with crossfades (video {@code xfade}, audio {@code acrossfade}); then the title,
 * the watermark and the music. Output: H.264 High yuv420p, AAC 48 kHz stereo, MP4 with faststart.
 *
 * <p>A plan is checked, and every input probed, before ffmpeg runs: a bad plan fails fast with a
 * named error ({@link InvalidRenderPlanException} and its subclasses, or a media error).
 */
public final class MovieRenderer {
    /** Photos are scaled to this multiple of the frame before the Ken Burns move, so zooming in stays sharp and smooth. */
    private static final double MAX_PHOTO_HEADROOM = 2.0;
    private static final double DEFAULT_PHOTO_ZOOM = 1.12;
    private static final double TITLE_SECONDS = 2.0;
    static final String FONT_RESOURCE = TitleFont.LATIN.resource();

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
     * @throws ichibyo.core.media.MediaException                an input is missing, undecodable or unsupported
     * @throws ichibyo.core.media.FfmpegFailedException         ffmpeg failed (carries its stderr tail)
     * @throws ichibyo.core.media.FfmpegTimeoutException        the render ran over its time limit and was killed
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
        MediaKind expected = clip.kind() == ClipKind.PHOTO ? MediaKind.PHOTO : MediaKind.VIDEO;
        if (info.kind() != expected) {
            throw new InvalidRenderPlanException("clip " + index + " is a " + clip.kind().name().toLowerCase()
                    + " in the plan but " + location + " is a " + info.kind().name().toLowerCase());
        }
        if (info.isHeic()) {
            // The static ffmpeg cannot read HEIC: render from heif-convert's upright JPEG instead.
            HeicDecoder decoder = probe.heicDecoder().orElseThrow(() ->
                    new UnsupportedMediaException(clip.source() + " is HEIC, and heif-convert is not installed"));
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

    /** A clip with what the probe found: where ffmpeg reads it, how to turn it, which moment. */
    record PreparedClip(Clip clip, MediaInfo info, MediaLocation input, Orientation orientation, double start, int frames) {
        int uprightWidth() {
            if (info.isVideo()) {
                return info.uprightWidth();
            }
            return orientation.swapsDimensions() ? info.height() : info.width();
        }

        int uprightHeight() {
            if (info.isVideo()) {
                return info.uprightHeight();
            }
            return orientation.swapsDimensions() ? info.width() : info.height();
        }
    }

    /** Builds the ffmpeg arguments and the filtergraph script for one movie. */
    private static final class GraphWriter {
        private final RenderPlan plan;
        private final List<PreparedClip> clips;
        private final MediaLocation watermark;
        private final MediaInfo watermarkInfo;
        private final MediaInfo musicInfo;
        private final Path titleFile;
        private final Path font;
        private final RenderSettings settings;
        private final int width;
        private final int height;
        private final int fps;
        private final List<String> inputs = new ArrayList<>();
        private final StringBuilder graph = new StringBuilder();
        private int inputCount;
        private final int[] clipInputs;

        GraphWriter(RenderPlan plan, List<PreparedClip> clips, MediaLocation watermark, MediaInfo watermarkInfo,
                MediaInfo musicInfo, Path titleFile, Path font, RenderSettings settings) {
            this.plan = plan;
            this.clips = clips;
            this.watermark = watermark;
            this.watermarkInfo = watermarkInfo;
            this.musicInfo = musicInfo;
            this.titleFile = titleFile;
            this.font = font;
            this.settings = settings;
            this.width = plan.output().width();
            this.height = plan.output().height();
            this.fps = plan.output().fps();
            this.clipInputs = new int[clips.size()];
        }

        MovieCommand write(Path output, Path workDir) throws IOException {
            int n = clips.size();
            int[] frames = clips.stream().mapToInt(PreparedClip::frames).toArray();
            int shortest = java.util.Arrays.stream(frames).min().orElse(1);
            // Whole frames, and short enough that every clip keeps at least one frame of its own.
            int crossfadeFrames = n < 2 ? 0
                    : Math.max(0, Math.min((int) Math.round(plan.output().edition().crossfade() * fps), (shortest - 1) / 2));
            double total = (double) (java.util.Arrays.stream(frames).sum() - (n - 1) * crossfadeFrames) / fps;

            for (int i = 0; i < n; i++) {
                PreparedClip clip = clips.get(i);
                if (clip.info().isPhoto()) {
                    photo(i, clip);
                } else {
                    video(i, clip);
                }
                audio(i, clip);
            }
            join(frames, crossfadeFrames);
            String video = "vjoined";
            if (titleFile != null) {
                video = title(video, total);
            }
            if (watermark != null) {
                video = watermark(video);
            }
            graph.append('[').append(video).append("]format=yuv420p[vout];\n");
            String audio = "ajoined";
            if (musicInfo != null) {
                audio = music(audio, total);
            }
            graph.append('[').append(audio).append("]aformat=sample_rates=48000:channel_layouts=stereo[aout]\n");

            Path script = workDir.resolve("movie.filtergraph");
            Files.writeString(script, graph, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("-nostats", "-v", "warning"));
            args.addAll(inputs);
            args.addAll(List.of("-filter_complex_script", script.toString(),
                    "-map", "[vout]", "-map", "[aout]",
                    "-c:v", "libx264", "-preset", settings.x264Preset(), "-crf", String.valueOf(settings.crf()),
                    "-profile:v", "high", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2",
                    "-movflags", "+faststart", "-f", "mp4", "-y", output.toAbsolutePath().toString()));
            return new MovieCommand(args, graph.toString(), total);
        }

        private int input(List<String> options, MediaLocation location) {
            inputs.addAll(List.of("-threads", String.valueOf(settings.decoderThreads())));
            inputs.addAll(options);
            inputs.addAll(List.of("-protocol_whitelist", location.protocolWhitelist(), "-i", location.ffmpegUrl()));
            return inputCount++;
        }

        private void photo(int i, PreparedClip clip) {
            int in = input(List.of("-f", clip.info().demuxer()), clip.input());
            clipInputs[i] = in;
            int uw = clip.uprightWidth();
            int uh = clip.uprightHeight();
            KenBurns move = clip.clip().kenBurns() != null ? clip.clip().kenBurns()
                    : KenBurns.zoomInto(clip.clip().focusOrCentre(), DEFAULT_PHOTO_ZOOM);
            double zoom = Math.max(1 / move.from().width(), 1 / move.to().width());
            double headroom = Math.min(MAX_PHOTO_HEADROOM, Math.max(1, zoom));
            int framedWidth = even(width * headroom);
            int framedHeight = even(height * headroom);
            Framing framing = Framing.of(uw, uh, (double) width / height, clip.clip().focusOrCentre(), clip.clip().keep());

            // Scale down first, in stored orientation: every later filter then works on few pixels.
            double scale = framing.fill()
                    ? Math.min(1, Math.max((double) framedWidth / uw, (double) framedHeight / uh))
                    : Math.min(1, framedWidth / (framing.region().width() * uw));
            int sw = even(uw * scale);
            int sh = even(uh * scale);
            boolean swap = clip.orientation().swapsDimensions();
            graph.append('[').append(in).append(":v]scale=").append(swap ? sh : sw).append(':').append(swap ? sw : sh)
                    .append(":flags=bicubic,format=yuv420p");
            for (String f : clip.orientation().uprightFilters()) {
                graph.append(',').append(f);
            }
            int[] framed = frame(i, framing, sw, sh, framedWidth, framedHeight);
            kenBurns(i, move, clip.frames(), framed[0], framed[1]);
        }

        /**
         * Crop (or fit over a blurred fill) the upright picture of {@code sw}×{@code sh} into
         * {@code fw}×{@code fh}; appends to the current chain, which continues after it.
         */
        private int[] frame(int i, Framing framing, int sw, int sh, int fw, int fh) {
            if (!framing.fill()) {
                Region r = framing.region();
                int cw = Math.min(sw, even(r.width() * sw));
                int ch = Math.min(sh, even(r.height() * sh));
                int cx = Math.clamp(Math.round(r.x() * sw), 0, sw - cw);
                int cy = Math.clamp(Math.round(r.y() * sh), 0, sh - ch);
                if (cw != sw || ch != sh) {
                    graph.append(",crop=").append(cw).append(':').append(ch).append(':').append(cx).append(':').append(cy);
                }
                return new int[] {cw, ch};
            }
            // The whole picture, fitted, over a blurred copy that covers the frame (blurred small: cheap).
            double fit = Math.min((double) fw / sw, (double) fh / sh);
            int fgw = Math.min(fw, even(sw * fit));
            int fgh = Math.min(fh, even(sh * fit));
            int bw = even(fw / 8.0);
            int bh = even(fh / 8.0);
            double cover = Math.max((double) bw / sw, (double) bh / sh);
            graph.append(",split[fg").append(i).append("][bg").append(i).append("];\n")
                    .append("[bg").append(i).append("]scale=").append(even(sw * cover) + 2).append(':').append(even(sh * cover) + 2)
                    .append(",crop=").append(bw).append(':').append(bh).append(",boxblur=").append(Math.max(1, Math.min(bw, bh) / 5)).append(":2,scale=").append(fw).append(':').append(fh)
                    .append("[bgb").append(i).append("];\n")
                    .append("[fg").append(i).append("]scale=").append(fgw).append(':').append(fgh).append("[fgs").append(i).append("];\n")
                    .append("[bgb").append(i).append("][fgs").append(i).append("]overlay=").append((fw - fgw) / 2).append(':').append((fh - fgh) / 2)
                    .append(",format=yuv420p");
            return new int[] {fw, fh};
        }

        /**
         * The photo's move over its {@code frames}, from the framed picture of {@code fw}×{@code fh}:
         * the one decoded picture is looped, then each frame is scaled so the move's rectangle spans
         * the frame and cropped to it. Sizes and offsets are whole output pixels that only ever grow
         * or shrink one way, so the move is smooth (zoompan rounds in input pixels and judders).
         */
        private void kenBurns(int i, KenBurns move, int frames, int fw, int fh) {
            Region a = move.from();
            Region b = move.to();
            if (a.equals(b)) {
                // Still: scale and crop once, then repeat the frame.
                int zw = Math.max(width, even(width / a.width()));
                int zh = Math.max(height, even(zw * (double) fh / fw));
                int x = Math.clamp(Math.round(a.centreX() * zw - width / 2.0), 0, zw - width);
                int y = Math.clamp(Math.round((a.y() + a.width() / 2) * zh - height / 2.0), 0, zh - height);
                graph.append(",scale=").append(zw).append(':').append(zh).append(":flags=bicubic")
                        .append(",crop=").append(width).append(':').append(height).append(':').append(x).append(':').append(y)
                        .append(",loop=loop=").append(frames - 1).append(":size=1:start=0")
                        .append(",settb=expr=1/").append(fps).append(",setpts=N,fps=").append(fps)
                        .append(",setsar=1,format=yuv420p[v").append(i).append("];\n");
                return;
            }
            String progress = "n*" + num(frames > 1 ? 1.0 / (frames - 1) : 0);
            String span = "(" + num(a.width()) + "+" + num(b.width() - a.width()) + "*" + progress + ")";
            String zoomedWidth = "max(" + width + ",trunc(" + width + "/" + span + "/2+0.5)*2)";
            String zoomedHeight = "max(" + height + ",trunc(" + zoomedWidth + "*" + num((double) fh / fw) + "/2+0.5)*2)";
            String cx = "(" + num(a.centreX()) + "+" + num(b.centreX() - a.centreX()) + "*" + progress + ")";
            String cy = "(" + num(a.y() + a.width() / 2) + "+" + num(b.y() + b.width() / 2 - a.y() - a.width() / 2) + "*" + progress + ")";
            String x = "max(0,min(" + zoomedWidth + "-" + width + ",round(" + cx + "*" + zoomedWidth + "-" + width / 2.0 + ")))";
            String y = "max(0,min(" + zoomedHeight + "-" + height + ",round(" + cy + "*" + zoomedHeight + "-" + height / 2.0 + ")))";
            graph.append(",loop=loop=").append(frames - 1).append(":size=1:start=0")
                    .append(",settb=expr=1/").append(fps).append(",setpts=N,fps=").append(fps)
                    .append(",scale=w='").append(zoomedWidth).append("':h='").append(zoomedHeight).append("':eval=frame:flags=bicubic")
                    .append(",crop=w=").append(width).append(":h=").append(height).append(":x='").append(x).append("':y='").append(y).append("':exact=1")
                    .append(",setsar=1,format=yuv420p[v").append(i).append("];\n");
        }

        private void video(int i, PreparedClip clip) {
            double seconds = (double) clip.frames() / fps;
            // Seek before -i (fast, keyframe then decode to the point) and read a little past the end.
            int in = input(List.of("-ss", num(clip.start()), "-t", num(seconds + 2.0 / fps), "-f", clip.info().demuxer()), clip.input());
            clipInputs[i] = in;
            int uw = clip.uprightWidth();
            int uh = clip.uprightHeight();
            Framing framing = Framing.of(uw, uh, (double) width / height, clip.clip().focusOrCentre(), clip.clip().keep());
            boolean fpsFirst = clip.info().fps() > fps;
            graph.append('[').append(in).append(":v]setpts=PTS-STARTPTS");
            if (fpsFirst) {
                graph.append(",fps=").append(fps);
            }
            if (clip.info().pixelAspect() != 1) {
                // Anamorphic video: square pixels first, so crops and the final scale keep its shape.
                uw = even(uw);
                uh = even(uh);
                graph.append(",scale=").append(uw).append(':').append(uh).append(",setsar=1");
            }
            if (clip.info().isHdr()) {
                // Tone map to SDR once the picture is only as large as the frame needs: zscale's float
                // pipeline is the costly part, and the framing below then works on 8-bit SDR.
                double scale = framing.fill() ? Math.min(1, Math.max((double) width / uw, (double) height / uh))
                        : Math.min(1, width / (framing.region().width() * uw));
                uw = even(uw * scale);
                uh = even(uh * scale);
                String tin = clip.info().hdr().ffmpegName();
                graph.append(",scale=").append(uw).append(':').append(uh).append(":flags=bicubic")
                        .append(",zscale=tin=").append(tin).append(":min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100")
                        .append(",format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0")
                        .append(",zscale=t=bt709:m=bt709:r=tv,format=yuv420p");
            }
            if (framing.fill()) {
                graph.append(",scale=").append(even(uw)).append(':').append(even(uh)).append(",format=yuv420p");
                uw = even(uw);
                uh = even(uh);
            }
            frame(i, framing, uw, uh, width, height);
            graph.append(",scale=").append(width).append(':').append(height).append(":flags=bicubic,format=yuv420p");
            if (!fpsFirst) {
                graph.append(",fps=").append(fps);
            }
            // Exactly the planned frames, even when the video ends early: the crossfade segments count on it.
            graph.append(",setsar=1,tpad=stop_mode=clone:stop=").append(clip.frames())
                    .append(",trim=end_frame=").append(clip.frames()).append(",setpts=PTS-STARTPTS[v").append(i).append("];\n");
        }

        private void audio(int i, PreparedClip clip) {
            if (clip.info().isVideo() && clip.info().hasAudio()) {
                graph.append('[').append(clipInputs[i]).append(":a]asetpts=PTS-STARTPTS,");
            } else {
                graph.append("anullsrc=r=48000:cl=stereo,");
            }
            graph.append("aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,atrim=end_sample=")
                    .append(samples(clip.frames())).append(",asetpts=PTS-STARTPTS[a").append(i).append("];\n");
        }

        /** Audio samples at 48 kHz in {@code frames} video frames. */
        private long samples(int frames) {
            return Math.round(frames * 48000.0 / fps);
        }

        /**
         * Joins the clips with crossfades as one sequence for {@code concat}: each clip is cut into
         * head, body and tail, and a transition blends one clip's tail into the next one's head.
         * Measured with this ffmpeg (20 one-second clips, 1280×720): the filtergraph still holds
         * frames of every clip ahead of time (about 15 output-size frames per clip), but about a
         * quarter fewer than a chain of nested xfade filters (~420 MB instead of ~550 MB).
         */
        private void join(int[] frames, int crossfade) {
            int n = frames.length;
            if (n == 1 || crossfade == 0) {
                StringBuilder v = new StringBuilder();
                StringBuilder a = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    v.append("[v").append(k).append(']');
                    a.append("[a").append(k).append(']');
                }
                graph.append(v).append("concat=n=").append(n).append(":v=1:a=0[vjoined];\n")
                        .append(a).append("concat=n=").append(n).append(":v=0:a=1[ajoined];\n");
                return;
            }
            long crossfadeSamples = samples(crossfade);
            String seconds = num((double) crossfade / fps);
            StringBuilder videoSegments = new StringBuilder();
            StringBuilder audioSegments = new StringBuilder();
            for (int k = 0; k < n; k++) {
                boolean head = k > 0;
                boolean tail = k < n - 1;
                int parts = 1 + (head ? 1 : 0) + (tail ? 1 : 0);
                long clipSamples = samples(frames[k]);
                graph.append("[v").append(k).append("]split=").append(parts);
                graph.append(head ? "[vh" + k + "]" : "").append("[vb").append(k).append(']').append(tail ? "[vt" + k + "]" : "").append(";\n");
                graph.append("[a").append(k).append("]asplit=").append(parts);
                graph.append(head ? "[ah" + k + "]" : "").append("[ab").append(k).append(']').append(tail ? "[at" + k + "]" : "").append(";\n");
                if (head) {
                    graph.append("[vh").append(k).append("]trim=end_frame=").append(crossfade).append(",setpts=PTS-STARTPTS[vhead").append(k).append("];\n");
                    graph.append("[ah").append(k).append("]atrim=end_sample=").append(crossfadeSamples).append(",asetpts=PTS-STARTPTS[ahead").append(k).append("];\n");
                    // The transition from the previous clip's tail into this clip's head.
                    graph.append("[vtail").append(k - 1).append("][vhead").append(k).append("]xfade=transition=fade:duration=").append(seconds)
                            .append(":offset=0[vx").append(k).append("];\n");
                    graph.append("[atail").append(k - 1).append("][ahead").append(k).append("]acrossfade=d=").append(seconds)
                            .append(":c1=tri:c2=tri[ax").append(k).append("];\n");
                    videoSegments.append("[vx").append(k).append(']');
                    audioSegments.append("[ax").append(k).append(']');
                }
                graph.append("[vb").append(k).append("]trim=start_frame=").append(head ? crossfade : 0)
                        .append(":end_frame=").append(frames[k] - (tail ? crossfade : 0)).append(",setpts=PTS-STARTPTS[vbody").append(k).append("];\n");
                graph.append("[ab").append(k).append("]atrim=start_sample=").append(head ? crossfadeSamples : 0)
                        .append(":end_sample=").append(clipSamples - (tail ? crossfadeSamples : 0)).append(",asetpts=PTS-STARTPTS[abody").append(k).append("];\n");
                videoSegments.append("[vbody").append(k).append(']');
                audioSegments.append("[abody").append(k).append(']');
                if (tail) {
                    graph.append("[vt").append(k).append("]trim=start_frame=").append(frames[k] - crossfade).append(",setpts=PTS-STARTPTS[vtail").append(k).append("];\n");
                    graph.append("[at").append(k).append("]atrim=start_sample=").append(clipSamples - crossfadeSamples).append(",asetpts=PTS-STARTPTS[atail").append(k).append("];\n");
                }
            }
            int segments = 2 * n - 1;
            graph.append(videoSegments).append("concat=n=").append(segments).append(":v=1:a=0[vjoined];\n");
            graph.append(audioSegments).append("concat=n=").append(segments).append(":v=0:a=1[ajoined];\n");
        }

        private String title(String video, double total) {
            String text = PlanRules.cleanTitle(plan.title());
            int size = titleFontSize(width, height, titleLength(text));
            double shown = Math.min(TITLE_SECONDS, total);
            double fadeFrom = Math.max(0, shown - 0.5);
            graph.append('[').append(video).append("]drawtext=fontfile=").append(optionValue(font.toString()))
                    .append(":textfile=").append(optionValue(titleFile.toString()))
                    .append(":expansion=none:fontsize=").append(size).append(":fontcolor=white")
                    .append(":borderw=").append(titleBorder(size)).append(":bordercolor=black@0.7")
                    .append(":x=").append(TITLE_X).append(":y=").append(TITLE_Y)
                    .append(":alpha='if(lt(t,").append(num(fadeFrom)).append("),1,max(0,(").append(num(shown)).append("-t)/0.5))'")
                    .append(":enable='lt(t,").append(num(shown)).append(")'[vtitled];\n");
            return "vtitled";
        }

        private String watermark(String video) {
            int in = input(List.of("-f", watermarkInfo.demuxer()), watermark);
            int margin = Math.max(2, width / 40);
            graph.append('[').append(in).append(":v]scale=").append(even(width / 6.0)).append(":-2,format=rgba[wm];\n")
                    .append('[').append(video).append("][wm]overlay=x=main_w-overlay_w-").append(margin)
                    .append(":y=main_h-overlay_h-").append(margin).append("[vmarked];\n");
            return "vmarked";
        }

        private String music(String audio, double total) {
            Music music = plan.music();
            int in = input(List.of("-ss", num(Math.max(0, music.start())), "-t", num(total + 0.5), "-f", musicInfo.demuxer()),
                    MediaLocation.of(music.source()));
            double fadeOut = Math.min(1.0, total / 4);
            graph.append('[').append(in).append(":a]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo")
                    .append(",volume=").append(num(music.volume())).append(",apad,atrim=end=").append(num(total))
                    .append(",afade=t=out:st=").append(num(total - fadeOut)).append(":d=").append(num(fadeOut)).append("[music];\n")
                    .append('[').append(audio).append("][music]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amixed];\n");
            return "amixed";
        }

        private static int even(double pixels) {
            return Math.max(2, 2 * (int) Math.round(pixels / 2));
        }
    }

    /** Where the title sits: centred, in the lower part of the frame. */
    static final String TITLE_X = "(w-text_w)/2";
    static final String TITLE_Y = "h*0.78-text_h/2";

    /** The title's font size: big, but never wider than 90 % of the frame (bold glyphs average ~0.65 em). */
    static int titleFontSize(int width, int height, int length) {
        return (int) Math.max(8, Math.min(height / 11.0, width * 0.9 / (0.65 * Math.max(1, length))));
    }

    /**
     * The title's length in average Latin glyph widths: a full-width (CJK) character is a whole em,
     * about 1.5 Latin bold glyphs, so a Japanese title gets a font size that still fits the frame.
     */
    static int titleLength(String text) {
        double units = text.codePoints().mapToDouble(c -> isWide(c) ? 1.5 : 1.0).sum();
        return (int) Math.ceil(units);
    }

    private static boolean isWide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
    }

    static int titleBorder(int fontSize) {
        return Math.max(1, fontSize / 18);
    }

    private static int even(double pixels) {
        return Math.max(2, 2 * (int) Math.round(pixels / 2));
    }
}
