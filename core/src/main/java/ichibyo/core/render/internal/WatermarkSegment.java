package ichibyo.core.render.internal;

import static ichibyo.core.render.internal.Filtergraph.even;

import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaLocation;
import java.util.List;

/** The service's mark, a sixth of the frame wide, over the bottom-right corner. */
final class WatermarkSegment {
    private final Filtergraph g;
    private final MediaLocation location;
    private final MediaInfo info;

    WatermarkSegment(Filtergraph g, MediaLocation location, MediaInfo info) {
        this.g = g;
        this.location = location;
        this.info = info;
    }

    /** {@code video} with the watermark in its bottom-right corner; returns the new chain. */
    String watermark(String video) {
        int in = g.input(List.of("-f", info.demuxer()), location);
        int margin = Math.max(2, g.width / 40);
        g.graph().append('[').append(in).append(":v]scale=").append(even(g.width / 6.0)).append(":-2,format=rgba[wm];\n")
                .append('[').append(video).append("][wm]overlay=x=main_w-overlay_w-").append(margin)
                .append(":y=main_h-overlay_h-").append(margin).append("[vmarked];\n");
        return "vmarked";
    }

}
