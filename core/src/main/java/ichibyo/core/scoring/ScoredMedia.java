package ichibyo.core.scoring;

import java.time.Duration;

/**
 * A photo or video understood and scored: what goes into the catalog, and its derivatives.
 *
 * @param container  the container, from the file's first bytes
 * @param width      upright width in pixels (after EXIF orientation or video rotation)
 * @param height     upright height
 * @param orientation EXIF orientation 1–8 of a photo (1 for videos and HEIC, which decode upright)
 * @param rotation   video display rotation in degrees (0, 90, 180, 270); 0 for photos
 * @param duration   video duration; null for photos
 * @param frameRate  video frames per second; null for photos
 * @param codec      the video codec, or the photo format
 * @param hdr        the video's HDR transfer (e.g. {@code smpte2084}, {@code arib-std-b67}), or null for SDR
 * @param hasAudio   whether the video has an audio stream
 * @param takenAt    when it was taken
 * @param scores     the scores
 * @param thumbnail  upright JPEG, 320 px on the long edge
 * @param poster     videos: upright JPEG of the best moment, at most 1280 px on the long edge; null for photos
 * @param perceptualHash {@link PerceptualHash} of the upright photo or of the video's best-moment frame (16 hex digits)
 */
public record ScoredMedia(Container container, int width, int height, int orientation, int rotation,
                          Duration duration, Double frameRate, String codec, String hdr, boolean hasAudio,
                          TakenAt takenAt, MediaScores scores, byte[] thumbnail, byte[] poster, String perceptualHash) {
    public ScoredMedia(Container container, int width, int height, int orientation, int rotation,
                       Duration duration, Double frameRate, String codec, String hdr, boolean hasAudio,
                       TakenAt takenAt, MediaScores scores, byte[] thumbnail, byte[] poster) {
        this(container, width, height, orientation, rotation, duration, frameRate, codec, hdr, hasAudio, takenAt, scores,
                thumbnail, poster, null);
    }

    public ScoredMedia withPerceptualHash(String hash) {
        return new ScoredMedia(container, width, height, orientation, rotation, duration, frameRate, codec, hdr, hasAudio,
                takenAt, scores, thumbnail, poster, hash);
    }

    public boolean isVideo() {
        return container.kind() == Container.Kind.VIDEO;
    }
}
