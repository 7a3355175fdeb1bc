package ichibyo.core.scoring;

import ichibyo.core.media.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The container of a file, from its first bytes, never from its name: the gate before any
 * decoder. Only these reach ffmpeg or an image decoder, each with its own explicit demuxer, so a
 * playlist or concat script named {@code .mp4} is refused here and never opens another file.
 */
public enum Container {
    JPEG(MediaKind.PHOTO, null),
    PNG(MediaKind.PHOTO, null),
    HEIF(MediaKind.PHOTO, null),
    /** MP4, QuickTime, 3GP: the ISO base media file format. */
    MP4(MediaKind.VIDEO, "mov"),
    AVI(MediaKind.VIDEO, "avi"),
    /** Matroska and WebM. */
    MATROSKA(MediaKind.VIDEO, "matroska");

    private final MediaKind kind;
    private final String demuxer;

    Container(MediaKind kind, String demuxer) {
        this.kind = kind;
        this.demuxer = demuxer;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The ffmpeg demuxer to force with {@code -f} (videos only). */
    public String demuxer() {
        return demuxer;
    }

    /** Reads the first bytes of a file. */
    public static Container of(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == 0) {
            throw new MediaRejectedException(RejectReason.EMPTY, "the file is empty");
        }
        Container container = of(head, n);
        if (container == null) {
            throw new MediaRejectedException(RejectReason.NOT_MEDIA,
                    "not a known photo or video container (starts with " + printable(head, n) + ")");
        }
        return container;
    }

    static Container of(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && (b[0] & 0xff) == 0x89 && ascii(b, 1, "PNG") && b[4] == 0x0D && b[5] == 0x0A) {
            return PNG;
        }
        if (n >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "AVI ")) {
            return AVI;
        }
        if (n >= 4 && (b[0] & 0xff) == 0x1A && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xDF && (b[3] & 0xff) == 0xA3) {
            return MATROSKA;
        }
        if (n >= 12 && ascii(b, 4, "ftyp")) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            return switch (brand) {
                case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif" -> HEIF;
                default -> MP4;
            };
        }
        // QuickTime files from old cameras may start with another top-level atom.
        if (n >= 8 && (ascii(b, 4, "moov") || ascii(b, 4, "mdat") || ascii(b, 4, "wide") || ascii(b, 4, "free"))) {
            return MP4;
        }
        return null;
    }

    private static boolean ascii(byte[] b, int offset, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[offset + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(n, 8); i++) {
            char c = (char) (b[i] & 0xff);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.append('"').toString();
    }
}
