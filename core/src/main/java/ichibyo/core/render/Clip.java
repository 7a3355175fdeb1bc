package ichibyo.core.render;

import ichibyo.core.media.MediaKind;

/**
 * One moment of the movie: a photo or a stretch of a video.
 *
 * @param kind        photo or video (a plan with any other kind is refused)
 * @param source      a local path, an HTTPS (presigned) URL, or a plain HTTP URL on this machine (the local
 *                    runtime's S3; see {@link ichibyo.core.media.MediaLocation})
 * @param start       video only: where the moment starts in the video, seconds (default 0)
 * @param duration    seconds on screen (default 1.0), before crossfades overlap it
 * @param kenBurns    photo only: the move (default a gentle zoom into the focus point)
 * @param orientation photo only: EXIF orientation 1–8 if the caller already knows it; null reads it
 *                    from the file. (Videos carry a display matrix that ffmpeg applies itself.)
 * @param focus       what the crop to the movie's aspect centres on (default the centre)
 * @param keep        a region that must stay whole in the frame, for example the faces; when a crop
 *                    cannot keep it the picture is shown whole over a blurred fill instead
 */
public record Clip(
        MediaKind kind,
        String source,
        Double start,
        Double duration,
        KenBurns kenBurns,
        Integer orientation,
        FocusPoint focus,
        Region keep) {
    public static final double DEFAULT_DURATION = 1.0;

    public static Clip video(String source, double start) {
        return new Clip(MediaKind.VIDEO, source, start, null, null, null, null, null);
    }

    public static Clip photo(String source, KenBurns kenBurns) {
        return new Clip(MediaKind.PHOTO, source, null, null, kenBurns, null, null, null);
    }

    public Clip withDuration(double seconds) {
        return new Clip(kind, source, start, seconds, kenBurns, orientation, focus, keep);
    }

    public Clip withFocus(FocusPoint point, Region keepInFrame) {
        return new Clip(kind, source, start, duration, kenBurns, orientation, point, keepInFrame);
    }

    /** The same moment read from elsewhere (for example a presigned URL to the uploaded copy). */
    public Clip withSource(String newSource) {
        return new Clip(kind, newSource, start, duration, kenBurns, orientation, focus, keep);
    }

    /** The same moment starting at {@code seconds} into the video. */
    public Clip withStart(double seconds) {
        return new Clip(kind, source, seconds, duration, kenBurns, orientation, focus, keep);
    }

    /** A photo's EXIF orientation (1–8) as the caller knows it; the renderer reads no EXIF from URLs. */
    public Clip withOrientation(Integer exifOrientation) {
        return new Clip(kind, source, start, duration, kenBurns, exifOrientation, focus, keep);
    }

    public double startOrZero() {
        return start == null ? 0 : start;
    }

    public double durationOrDefault() {
        return duration == null ? DEFAULT_DURATION : duration;
    }

    public FocusPoint focusOrCentre() {
        return focus == null ? FocusPoint.CENTRE : focus;
    }
}
