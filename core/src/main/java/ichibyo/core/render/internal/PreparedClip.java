package ichibyo.core.render.internal;

import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.Orientation;
import ichibyo.core.render.Clip;

/** A clip with what the probe found: where ffmpeg reads it, how to turn it, which moment. */
public record PreparedClip(Clip clip, MediaInfo info, MediaLocation input, Orientation orientation, double start, int frames) {
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
