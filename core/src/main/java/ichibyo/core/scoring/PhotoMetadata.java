package ichibyo.core.scoring;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The EXIF of a photo that scoring needs: orientation and taken-at time. Unreadable or odd EXIF
 * (old cameras write all sorts) is not an error: the photo is then upright and taken at upload.
 */
record PhotoMetadata(int orientation, TakenAt takenAt) {
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    static PhotoMetadata read(Path file) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return new PhotoMetadata(1, null);
        }
        int orientation = 1;
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            orientation = value != null && value >= 1 && value <= 8 ? value : 1;
        }
        return new PhotoMetadata(orientation, takenAt(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)));
    }

    private static TakenAt takenAt(ExifSubIFDDirectory exif) {
        if (exif == null) {
            return null;
        }
        String original = exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
        if (original == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(original.trim(), EXIF_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
        String offset = exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
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
