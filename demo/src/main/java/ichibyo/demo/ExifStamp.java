package ichibyo.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Gives a JPEG the capture time a camera writes: an APP1 EXIF segment with {@code DateTimeOriginal}
 * and {@code OffsetTimeOriginal} (and orientation 1), which score-media reads as the moment's takenAt
 * ({@code TakenAt.Source.EXIF}). The demo resizes the sample photos with FFmpeg, which writes no EXIF,
 * and then stamps each with a date in the period it belongs to.
 */
final class ExifStamp {
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private ExifStamp() {}

    /** {@code jpeg} with an EXIF segment saying it was taken at {@code takenAt} (local time and its offset). */
    static byte[] stamp(byte[] jpeg, OffsetDateTime takenAt) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: it does not start with SOI");
        }
        byte[] time = ascii(takenAt.format(EXIF_TIME));          // 19 characters and NUL
        byte[] offset = ascii(takenAt.getOffset().getId().equals("Z") ? "+00:00" : takenAt.getOffset().getId());
        // Big-endian TIFF: header (8), IFD0 with 2 entries (30), the Exif IFD with 2 entries (30), then the two strings.
        int ifd0 = 8;
        int exifIfd = ifd0 + 30;
        int timeAt = exifIfd + 30;
        int offsetAt = timeAt + time.length;
        ByteBuffer tiff = ByteBuffer.allocate(offsetAt + offset.length);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 2);
        entry(tiff, 0x0112, 3, 1, 1 << 16);                       // Orientation, SHORT (left-justified in the value field)
        entry(tiff, 0x8769, 4, 1, exifIfd);                       // the Exif IFD's offset
        tiff.putInt(0);
        tiff.putShort((short) 2);
        entry(tiff, 0x9003, 2, time.length, timeAt);              // DateTimeOriginal
        entry(tiff, 0x9011, 2, offset.length, offsetAt);          // OffsetTimeOriginal
        tiff.putInt(0);
        tiff.put(time).put(offset);
        byte[] body = tiff.array();

        int length = 2 + 6 + body.length;
        ByteBuffer app1 = ByteBuffer.allocate(2 + length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        // After JFIF's APP0 when there is one (it must come first), else right after SOI.
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        byte[] out = new byte[jpeg.length + app1.capacity()];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(app1.array(), 0, out, at, app1.capacity());
        System.arraycopy(jpeg, at, out, at + app1.capacity(), jpeg.length - at);
        return out;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static byte[] ascii(String s) {
        byte[] chars = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[chars.length + 1];
        System.arraycopy(chars, 0, z, 0, chars.length);
        return z;
    }
}
