package ichibyo.core.scoring;

import java.time.Instant;

/**
 * When a photo or video was taken, and where that came from.
 *
 * @param time   the instant
 * @param offset the UTC offset the camera recorded (e.g. {@code +09:00}), or null if unknown
 * @param source where the time came from
 */
public record TakenAt(Instant time, String offset, Source source) {
    public enum Source {
        /** EXIF {@code DateTimeOriginal} with {@code OffsetTimeOriginal}. */
        EXIF,
        /** EXIF {@code DateTimeOriginal} without an offset: read as UTC. */
        EXIF_LOCAL_TIME,
        /** The container's creation time (QuickTime {@code creation_time}, UTC). */
        CONTAINER,
        /** No time in the file: the upload time. */
        UPLOAD
    }

    public static TakenAt upload(Instant uploadedAt) {
        return new TakenAt(uploadedAt, null, Source.UPLOAD);
    }
}
