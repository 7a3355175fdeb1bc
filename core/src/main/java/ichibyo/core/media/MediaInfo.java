package ichibyo.core.media;

import java.time.Instant;

/**
 * What {@link MediaProbe} found in a photo or video.
 *
 * @param kind        photo, video, or audio (music: no picture, width and height 0)
 * @param format      the container as ffprobe names it ({@code "mov,mp4,m4a,3gp,3g2,mj2"}, {@code "avi"},
 *                    {@code "jpeg_pipe"}, {@code "png_pipe"}), or {@code "heic"}
 * @param codec       the picture's codec ({@code "h264"}, {@code "hevc"}, {@code "mjpeg"}, …)
 * @param width       width as stored, before any rotation
 * @param height      height as stored
 * @param orientation EXIF orientation of a photo ({@link Orientation#NORMAL} for videos and for HEIC,
 *                    whose decoder turns the picture upright itself)
 * @param rotation    a video's display rotation in degrees, 0, 90, 180 or 270 (0 for photos); ffmpeg
 *                    applies it itself when it decodes, the number is here for the upright size.
 *                    Tools disagree on its sign, so it is only ever used modulo 180.
 * @param duration    seconds; 0 for a photo
 * @param fps         average frame rate; 0 for a photo
 * @param hasAudio    whether a video has an audio stream
 * @param hdr         the transfer function (HDR video needs tone mapping to SDR)
 * @param takenAt     when the photo or video was taken, if the file says (EXIF or creation_time); may be null
 * @param pixelAspect a video's sample aspect ratio (1 for square pixels; 4:3 for anamorphic 1440×1080
 *                    shown 1920 wide); the upright size is in square pixels
 */
public record MediaInfo(
        MediaKind kind,
        String format,
        String codec,
        int width,
        int height,
        Orientation orientation,
        int rotation,
        double duration,
        double fps,
        boolean hasAudio,
        HdrTransfer hdr,
        Instant takenAt,
        double pixelAspect) {

    public MediaInfo {
        if (!(pixelAspect > 0) || Double.isInfinite(pixelAspect)) {
            pixelAspect = 1;
        }
    }

    public boolean isPhoto() {
        return kind == MediaKind.PHOTO;
    }

    public boolean isVideo() {
        return kind == MediaKind.VIDEO;
    }

    public boolean isHdr() {
        return hdr != HdrTransfer.SDR;
    }

    public boolean isHeic() {
        return "heic".equals(format);
    }

    private boolean swapsDimensions() {
        return orientation.swapsDimensions() || rotation % 180 != 0;
    }

    /** Width as shown (square pixels), after EXIF orientation or display rotation. */
    public int uprightWidth() {
        return swapsDimensions() ? height : squareWidth();
    }

    /** Height as shown (square pixels), after EXIF orientation or display rotation. */
    public int uprightHeight() {
        return swapsDimensions() ? squareWidth() : height;
    }

    /** The stored width in square pixels. */
    private int squareWidth() {
        return pixelAspect == 1 ? width : (int) Math.round(width * pixelAspect);
    }

    /** The ffmpeg demuxer to name with {@code -f} when reading this file again (e.g. {@code mov}). */
    public String demuxer() {
        if (isPhoto() && ("image2".equals(format) || isHeic())) {
            // image2 picks the decoder by file extension, and S3 keys have none: read photos with the
            // demuxer for their codec (it also never treats a % in a file name as a sequence pattern).
            return switch (isHeic() ? "mjpeg" : codec) {
                case "mjpeg" -> "jpeg_pipe";
                case "jpeg2000" -> "j2k_pipe";
                case "gif" -> "gif";
                default -> codec + "_pipe";
            };
        }
        int comma = format.indexOf(',');
        return comma < 0 ? format : format.substring(0, comma);
    }
}
