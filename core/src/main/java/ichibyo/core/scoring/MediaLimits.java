package ichibyo.core.scoring;

import java.time.Duration;

/**
 * What score-media accepts. Checked before any decoding: the size from the file system, pixels
 * from the image header or the container, duration from the container.
 *
 * @param maxBytes    file size
 * @param maxPixels   width × height of a photo or of a video frame (a 12 MP photo is 12 000 000;
 *                    an iPhone 48 MP photo is under the default)
 * @param maxDuration video duration
 * @param maxMetadataBytes all the metadata of a photo together (text chunks inflated, ICC profile,
 *                    EXIF, XMP, comments), checked by walking the file's structure before any decoder
 *                    or metadata reader sees it; a camera writes well under 1 MiB
 */
public record MediaLimits(long maxBytes, long maxPixels, Duration maxDuration, long maxMetadataBytes) {
    public static final long DEFAULT_MAX_METADATA_BYTES = 16L * 1024 * 1024;
    public static final MediaLimits DEFAULT = new MediaLimits(2L * 1024 * 1024 * 1024, 50_000_000L, Duration.ofMinutes(10));

    public MediaLimits(long maxBytes, long maxPixels, Duration maxDuration) {
        this(maxBytes, maxPixels, maxDuration, DEFAULT_MAX_METADATA_BYTES);
    }

    public MediaLimits withMaxMetadataBytes(long bytes) {
        return new MediaLimits(maxBytes, maxPixels, maxDuration, bytes);
    }

    public void checkSize(long bytes) {
        if (bytes == 0) {
            throw new MediaRejectedException(RejectReason.EMPTY, "the file is empty");
        }
        if (bytes > maxBytes) {
            throw new MediaRejectedException(RejectReason.TOO_LARGE, bytes + " bytes, over the limit of " + maxBytes);
        }
    }

    public void checkPixels(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new MediaRejectedException(RejectReason.NOT_MEDIA, "no picture size (" + width + "×" + height + ")");
        }
        if (width * height > maxPixels) {
            throw new MediaRejectedException(RejectReason.TOO_MANY_PIXELS,
                    width + "×" + height + " is over the limit of " + maxPixels + " pixels");
        }
    }

    public void checkDuration(Duration duration) {
        if (duration.compareTo(maxDuration) > 0) {
            throw new MediaRejectedException(RejectReason.TOO_LONG,
                    duration.toSeconds() + " s is over the limit of " + maxDuration.toSeconds() + " s");
        }
    }
}
