package ichibyo.core.render.internal;

import static ichibyo.core.render.internal.Filtergraph.even;
import static ichibyo.core.render.internal.FilterText.num;

import ichibyo.core.render.KenBurns;
import ichibyo.core.render.Region;
import java.util.List;

/**
 * The chain of each clip, {@code [v<i>]} and {@code [a<i>]}: trimmed by input seeking, upright,
 * cropped to the movie's aspect around its focus (or fitted over a blurred fill), scaled once,
 * normalised (frame rate, SAR, pixel format, SDR); a photo gets its Ken Burns move.
 */
final class ClipSegment {
    /** Photos are scaled to this multiple of the frame before the Ken Burns move, so zooming in stays sharp and smooth. */
    private static final double MAX_PHOTO_HEADROOM = 2.0;
    private static final double DEFAULT_PHOTO_ZOOM = 1.12;

    private final Filtergraph g;

    ClipSegment(Filtergraph g) {
        this.g = g;
    }

    /** Chain {@code [v<i>]} of a photo; returns its input. */
    int photo(int i, PreparedClip clip) {
        int in = g.input(List.of("-f", clip.info().demuxer()), clip.input());
        int uw = clip.uprightWidth();
        int uh = clip.uprightHeight();
        KenBurns move = clip.clip().kenBurns() != null ? clip.clip().kenBurns()
                : KenBurns.zoomInto(clip.clip().focusOrCentre(), DEFAULT_PHOTO_ZOOM);
        double zoom = Math.max(1 / move.from().width(), 1 / move.to().width());
        double headroom = Math.min(MAX_PHOTO_HEADROOM, Math.max(1, zoom));
        int framedWidth = even(g.width * headroom);
        int framedHeight = even(g.height * headroom);
        Framing framing = Framing.of(uw, uh, (double) g.width / g.height, clip.clip().focusOrCentre(), clip.clip().keep());

        // Scale down first, in stored orientation: every later filter then works on few pixels.
        double scale = framing.fill()
                ? Math.min(1, Math.max((double) framedWidth / uw, (double) framedHeight / uh))
                : Math.min(1, framedWidth / (framing.region().width() * uw));
        int sw = even(uw * scale);
        int sh = even(uh * scale);
        boolean swap = clip.orientation().swapsDimensions();
        g.graph().append('[').append(in).append(":v]scale=").append(swap ? sh : sw).append(':').append(swap ? sw : sh)
                .append(":flags=bicubic,format=yuv420p");
        for (String f : clip.orientation().uprightFilters()) {
            g.graph().append(',').append(f);
        }
        Size framed = frame(i, framing, sw, sh, framedWidth, framedHeight);
        kenBurns(i, move, clip.frames(), framed.width(), framed.height());
        return in;
    }

    /**
     * Crop (or fit over a blurred fill) the upright picture of {@code sw}×{@code sh} into
     * {@code fw}×{@code fh}; appends to the current chain, which continues after it.
     */
    private Size frame(int i, Framing framing, int sw, int sh, int fw, int fh) {
        if (!framing.fill()) {
            Region r = framing.region();
            int cw = Math.min(sw, even(r.width() * sw));
            int ch = Math.min(sh, even(r.height() * sh));
            int cx = Math.clamp(Math.round(r.x() * sw), 0, sw - cw);
            int cy = Math.clamp(Math.round(r.y() * sh), 0, sh - ch);
            if (cw != sw || ch != sh) {
                g.graph().append(",crop=").append(cw).append(':').append(ch).append(':').append(cx).append(':').append(cy);
            }
            return new Size(cw, ch);
        }
        // The whole picture, fitted, over a blurred copy that covers the frame (blurred small: cheap).
        double fit = Math.min((double) fw / sw, (double) fh / sh);
        int fgw = Math.min(fw, even(sw * fit));
        int fgh = Math.min(fh, even(sh * fit));
        int bw = even(fw / 8.0);
        int bh = even(fh / 8.0);
        double cover = Math.max((double) bw / sw, (double) bh / sh);
        g.graph().append(",split[fg").append(i).append("][bg").append(i).append("];\n")
                .append("[bg").append(i).append("]scale=").append(even(sw * cover) + 2).append(':').append(even(sh * cover) + 2)
                .append(",crop=").append(bw).append(':').append(bh).append(",boxblur=").append(Math.max(1, Math.min(bw, bh) / 5)).append(":2,scale=").append(fw).append(':').append(fh)
                .append("[bgb").append(i).append("];\n")
                .append("[fg").append(i).append("]scale=").append(fgw).append(':').append(fgh).append("[fgs").append(i).append("];\n")
                .append("[bgb").append(i).append("][fgs").append(i).append("]overlay=").append((fw - fgw) / 2).append(':').append((fh - fgh) / 2)
                .append(",format=yuv420p");
        return new Size(fw, fh);
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
            int zw = Math.max(g.width, even(g.width / a.width()));
            int zh = Math.max(g.height, even(zw * (double) fh / fw));
            int x = Math.clamp(Math.round(a.centreX() * zw - g.width / 2.0), 0, zw - g.width);
            int y = Math.clamp(Math.round((a.y() + a.width() / 2) * zh - g.height / 2.0), 0, zh - g.height);
            g.graph().append(",scale=").append(zw).append(':').append(zh).append(":flags=bicubic")
                    .append(",crop=").append(g.width).append(':').append(g.height).append(':').append(x).append(':').append(y)
                    .append(",loop=loop=").append(frames - 1).append(":size=1:start=0")
                    .append(",settb=expr=1/").append(g.fps).append(",setpts=N,fps=").append(g.fps)
                    .append(",setsar=1,format=yuv420p[v").append(i).append("];\n");
            return;
        }
        String progress = "n*" + num(frames > 1 ? 1.0 / (frames - 1) : 0);
        String span = "(" + num(a.width()) + "+" + num(b.width() - a.width()) + "*" + progress + ")";
        String zoomedWidth = "max(" + g.width + ",trunc(" + g.width + "/" + span + "/2+0.5)*2)";
        String zoomedHeight = "max(" + g.height + ",trunc(" + zoomedWidth + "*" + num((double) fh / fw) + "/2+0.5)*2)";
        String cx = "(" + num(a.centreX()) + "+" + num(b.centreX() - a.centreX()) + "*" + progress + ")";
        String cy = "(" + num(a.y() + a.width() / 2) + "+" + num(b.y() + b.width() / 2 - a.y() - a.width() / 2) + "*" + progress + ")";
        String x = "max(0,min(" + zoomedWidth + "-" + g.width + ",round(" + cx + "*" + zoomedWidth + "-" + g.width / 2.0 + ")))";
        String y = "max(0,min(" + zoomedHeight + "-" + g.height + ",round(" + cy + "*" + zoomedHeight + "-" + g.height / 2.0 + ")))";
        g.graph().append(",loop=loop=").append(frames - 1).append(":size=1:start=0")
                .append(",settb=expr=1/").append(g.fps).append(",setpts=N,fps=").append(g.fps)
                .append(",scale=w='").append(zoomedWidth).append("':h='").append(zoomedHeight).append("':eval=frame:flags=bicubic")
                .append(",crop=w=").append(g.width).append(":h=").append(g.height).append(":x='").append(x).append("':y='").append(y).append("':exact=1")
                .append(",setsar=1,format=yuv420p[v").append(i).append("];\n");
    }

    /** Chain {@code [v<i>]} of a video moment; returns its input. */
    int video(int i, PreparedClip clip) {
        double seconds = (double) clip.frames() / g.fps;
        // Seek before -i (fast, keyframe then decode to the point) and read a little past the end.
        int in = g.input(List.of("-ss", num(clip.start()), "-t", num(seconds + 2.0 / g.fps), "-f", clip.info().demuxer()), clip.input());
        int uw = clip.uprightWidth();
        int uh = clip.uprightHeight();
        Framing framing = Framing.of(uw, uh, (double) g.width / g.height, clip.clip().focusOrCentre(), clip.clip().keep());
        boolean fpsFirst = clip.info().fps() > g.fps;
        g.graph().append('[').append(in).append(":v]setpts=PTS-STARTPTS");
        if (fpsFirst) {
            g.graph().append(",fps=").append(g.fps);
        }
        if (clip.info().pixelAspect() != 1) {
            // Anamorphic video: square pixels first, so crops and the final scale keep its shape.
            uw = even(uw);
            uh = even(uh);
            g.graph().append(",scale=").append(uw).append(':').append(uh).append(",setsar=1");
        }
        if (clip.info().isHdr()) {
            // Tone map to SDR once the picture is only as large as the frame needs: zscale's float
            // pipeline is the costly part, and the framing below then works on 8-bit SDR.
            double scale = framing.fill() ? Math.min(1, Math.max((double) g.width / uw, (double) g.height / uh))
                    : Math.min(1, g.width / (framing.region().width() * uw));
            uw = even(uw * scale);
            uh = even(uh * scale);
            String tin = clip.info().hdr().ffmpegName();
            g.graph().append(",scale=").append(uw).append(':').append(uh).append(":flags=bicubic")
                    .append(",zscale=tin=").append(tin).append(":min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100")
                    .append(",format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0")
                    .append(",zscale=t=bt709:m=bt709:r=tv,format=yuv420p");
        }
        if (framing.fill()) {
            g.graph().append(",scale=").append(even(uw)).append(':').append(even(uh)).append(",format=yuv420p");
            uw = even(uw);
            uh = even(uh);
        }
        frame(i, framing, uw, uh, g.width, g.height);
        g.graph().append(",scale=").append(g.width).append(':').append(g.height).append(":flags=bicubic,format=yuv420p");
        if (!fpsFirst) {
            g.graph().append(",fps=").append(g.fps);
        }
        // Exactly the planned frames, even when the video ends early: the crossfade segments count on it.
        g.graph().append(",setsar=1,tpad=stop_mode=clone:stop=").append(clip.frames())
                .append(",trim=end_frame=").append(clip.frames()).append(",setpts=PTS-STARTPTS[v").append(i).append("];\n");
        return in;
    }

    /** Chain {@code [a<i>]}: the clip's sound from {@code input}, or silence, exactly as long as its frames. */
    void audio(int i, PreparedClip clip, int input) {
        if (clip.info().isVideo() && clip.info().hasAudio()) {
            g.graph().append('[').append(input).append(":a]asetpts=PTS-STARTPTS,");
        } else {
            g.graph().append("anullsrc=r=48000:cl=stereo,");
        }
        g.graph().append("aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,atrim=end_sample=")
                .append(g.samples(clip.frames())).append(",asetpts=PTS-STARTPTS[a").append(i).append("];\n");
    }

}
