package ichibyo.core.scoring;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The two things scoring needs from an EXIF (TIFF) block: orientation (IFD0) and the capture time
 * with its offset (the Exif sub-IFD). Read from a block already bounded by {@link MetadataScan};
 * nothing is allocated from a count the file declares, so absurd entry or value counts cost nothing:
 * an entry that points outside the block is skipped, like the rest of odd EXIF (old cameras write
 * all sorts).
 */
final class ExifTiff {
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_DATETIME_ORIGINAL = 0x9003;
    private static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    /** A real IFD has tens of entries; more than this is not EXIF worth reading. */
    private static final int MAX_ENTRIES = 4096;

    final int orientation;
    final String dateTimeOriginal;
    final String offsetTimeOriginal;

    private final byte[] b;
    private final boolean little;

    private ExifTiff(byte[] block) {
        this.b = block;
        this.little = block.length >= 2 && block[0] == 'I' && block[1] == 'I';
        int o = 1;
        String time = null;
        String offset = null;
        if (block.length >= 8 && (little || (block[0] == 'M' && block[1] == 'M')) && u16(2) == 42) {
            Set<Long> seen = new HashSet<>();
            long ifd0 = u32(4);
            Integer value = shortValue(ifd0, TAG_ORIENTATION, seen);
            if (value != null && value >= 1 && value <= 8) {
                o = value;
            }
            Long exif = pointer(ifd0, TAG_EXIF_IFD);
            if (exif != null && !seen.contains(exif)) {
                time = ascii(exif, TAG_DATETIME_ORIGINAL);
                offset = ascii(exif, TAG_OFFSET_TIME_ORIGINAL);
            }
        }
        this.orientation = o;
        this.dateTimeOriginal = time;
        this.offsetTimeOriginal = offset;
    }

    /** @param block a TIFF block ("II*\0" or "MM\0*"), or null */
    static ExifTiff read(byte[] block) {
        return new ExifTiff(block == null ? new byte[0] : block);
    }

    /** The entry of {@code tag} in the IFD at {@code ifd}: its offset in the block, or -1. */
    private int entry(long ifd, int tag) {
        if (ifd < 8 || ifd + 2 > b.length) {
            return -1;
        }
        int count = u16((int) ifd);
        if (count > MAX_ENTRIES) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if (e + 12 > b.length) {
                return -1;
            }
            if (u16(e) == tag) {
                return e;
            }
        }
        return -1;
    }

    private Integer shortValue(long ifd, int tag, Set<Long> seen) {
        seen.add(ifd);
        int e = entry(ifd, tag);
        if (e < 0 || u16(e + 2) != 3 || u32(e + 4) < 1) { // SHORT
            return null;
        }
        return u16(e + 8);
    }

    private Long pointer(long ifd, int tag) {
        int e = entry(ifd, tag);
        if (e < 0 || (u16(e + 2) != 4 && u16(e + 2) != 13)) { // LONG or IFD
            return null;
        }
        return u32(e + 8);
    }

    private String ascii(long ifd, int tag) {
        int e = entry(ifd, tag);
        if (e < 0 || u16(e + 2) != 2) {
            return null;
        }
        long count = u32(e + 4);
        if (count < 1 || count > 64) { // "YYYY:MM:DD HH:MM:SS" and "+09:00" are short
            return null;
        }
        long at = count <= 4 ? e + 8 : u32(e + 8);
        if (at + count > b.length) {
            return null;
        }
        int n = (int) count;
        while (n > 0 && b[(int) at + n - 1] == 0) {
            n--;
        }
        return new String(b, (int) at, n, StandardCharsets.ISO_8859_1);
    }

    private int u16(int at) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private long u32(int at) {
        if (at + 4 > b.length) {
            return -1;
        }
        long hi = u16(little ? at + 2 : at);
        long lo = u16(little ? at : at + 2);
        return (hi << 16) | lo;
    }
}
