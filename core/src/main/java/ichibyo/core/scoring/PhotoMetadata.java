package ichibyo.core.scoring;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The EXIF of a photo that scoring needs: orientation and taken-at time. The file's structure is
 * walked first ({@link MetadataScan}: metadata over the limit is a {@link RejectReason#METADATA_TOO_LARGE}
 * reject), then only the bounded EXIF block is read ({@link ExifTiff}). Unreadable or odd EXIF (old
 * cameras write all sorts) is not an error: the photo is then upright and taken at upload.
 */
record PhotoMetadata(int orientation, TakenAt takenAt) {
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** @throws MediaRejectedException when the metadata is over {@code maxMetadataBytes} or the structure is cut short */
    static PhotoMetadata read(Path file, Container container, long maxMetadataBytes) {
        ExifTiff exif = ExifTiff.read(MetadataScan.exif(file, container, maxMetadataBytes));
        return new PhotoMetadata(exif.orientation, takenAt(exif.dateTimeOriginal, exif.offsetTimeOriginal));
    }

    private static TakenAt takenAt(String original, String offset) {
        if (original == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(original.trim(), EXIF_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
        if (offset != null) {
            try {
                ZoneOffset zone = ZoneOffset.of(offset.trim());
                return new TakenAt(local.toInstant(zone), zone.getId(), TakenAt.Source.EXIF);
            } catch (RuntimeException e) {
                // an unparseable offset: fall through to local time
            }
        }
        return new TakenAt(local.toInstant(ZoneOffset.UTC), null, TakenAt.Source.EXIF_LOCAL_TIME);
    }
}
