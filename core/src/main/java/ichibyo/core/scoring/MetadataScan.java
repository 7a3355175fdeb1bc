package ichibyo.core.scoring;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks a photo's structure before any decoder or metadata reader sees it, and refuses metadata
 * over {@link MediaLimits#maxMetadataBytes} — all of it together, compressed chunks counted at the
 * size they inflate to — as {@link RejectReason#METADATA_TOO_LARGE}, and structure that runs past
 * the end of the file as {@link RejectReason#TRUNCATED}. ImageIO inflates a palette PNG's text
 * chunks whole and metadata readers allocate what a length field says, so a 2 MB file could
 * otherwise claim gigabytes of heap. Reads through small buffers: nothing here allocates more than
 * the limit, and only for the EXIF block it returns.
 *
 * <ul>
 *   <li>PNG: every chunk; {@code zTXt}, {@code iCCP} and compressed {@code iTXt} are inflated into a
 *       scratch buffer, counting, and abandoned as soon as the count passes what is left of the limit;
 *       {@code eXIf} is the EXIF.</li>
 *   <li>JPEG: every marker segment, through the entropy-coded data to the end (progressive files
 *       have markers between scans); APPn and COM count; the first {@code APP1 Exif} is the EXIF.</li>
 *   <li>HEIF: the top-level boxes; {@code meta} counts, and the {@code Exif} item found through its
 *       {@code iinf} and {@code iloc} boxes is the EXIF.</li>
 * </ul>
 */
final class MetadataScan {
    /** Over this many chunks or segments before the picture the file is built to exhaust, not to show. */
    private static final int MAX_PIECES = 100_000;

    private final Path file;
    private final long fileSize;
    private final long limit;
    private long used;

    private MetadataScan(Path file, long limit) throws IOException {
        this.file = file;
        this.fileSize = Files.size(file);
        this.limit = limit;
    }

    /**
     * @return the EXIF (TIFF) block of the photo, or null when it has none
     * @throws MediaRejectedException METADATA_TOO_LARGE or TRUNCATED
     */
    static byte[] exif(Path file, Container container, long maxMetadataBytes) {
        try {
            MetadataScan scan = new MetadataScan(file, maxMetadataBytes);
            return switch (container) {
                case PNG -> scan.png();
                case JPEG -> scan.jpeg();
                case HEIF -> scan.heif();
                default -> null;
            };
        } catch (EOFException e) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, "the file ends inside its structure", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(long bytes, String what) {
        used += bytes;
        if (used > limit) {
            throw new MediaRejectedException(RejectReason.METADATA_TOO_LARGE,
                    what + " brings the metadata past the limit of " + limit + " bytes");
        }
    }

    private void within(long end, String what) {
        if (end > fileSize || end < 0) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, what + " runs past the end of the file");
        }
    }

    // --- PNG -------------------------------------------------------------------------------------

    private byte[] png() throws IOException {
        byte[] exif = null;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long pos = 8;
            for (int chunks = 0; ; chunks++) {
                if (chunks > MAX_PIECES) {
                    throw new MediaRejectedException(RejectReason.METADATA_TOO_LARGE, "over " + MAX_PIECES + " PNG chunks");
                }
                if (pos + 8 > fileSize) {
                    throw new MediaRejectedException(RejectReason.TRUNCATED, "the PNG ends before its IEND chunk");
                }
                in.seek(pos);
                long length = in.readInt() & 0xffffffffL;
                byte[] typeBytes = new byte[4];
                in.readFully(typeBytes);
                String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                if (length > Integer.MAX_VALUE) {
                    throw new MediaRejectedException(RejectReason.TRUNCATED, "a PNG " + printable(type) + " chunk of " + length + " bytes");
                }
                long data = pos + 8;
                within(data + length + 4, "the PNG " + printable(type) + " chunk of " + length + " bytes");
                switch (type) {
                    case "IEND" -> {
                        return exif;
                    }
                    case "IHDR", "PLTE", "IDAT" -> { } // the picture: bounded by its pixel limit
                    case "zTXt", "iCCP" -> {
                        count(12, "a PNG " + type + " chunk");
                        inflated(in, data, length, 0, type);
                    }
                    case "iTXt" -> {
                        count(12, "a PNG iTXt chunk");
                        ItxtHead head = itxtHead(in, data, length);
                        if (head.compressed()) {
                            inflated(in, data, length, head.textOffset(), type);
                        } else {
                            count(length, "a PNG iTXt chunk of " + length + " bytes");
                        }
                    }
                    case "eXIf" -> {
                        count(length + 12, "a PNG eXIf chunk of " + length + " bytes");
                        if (exif == null) {
                            exif = new byte[(int) length];
                            in.seek(data);
                            in.readFully(exif);
                        }
                    }
                    default -> count(length + 12, "a PNG " + printable(type) + " chunk of " + length + " bytes");
                }
                pos = data + length + 4;
            }
        }
    }

    /** Whether an iTXt chunk's text is compressed, and where the text starts in the chunk. */
    private record ItxtHead(boolean compressed, int textOffset) {
        static final ItxtHead NONE = new ItxtHead(false, 0);
    }

    /** iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, text. */
    private static ItxtHead itxtHead(RandomAccessFile in, long data, long length) throws IOException {
        in.seek(data);
        int n = (int) Math.min(length, 1024);
        byte[] head = new byte[n];
        in.readFully(head);
        int i = indexOf(head, 0, 0);
        if (i < 0 || i + 2 >= n) {
            return ItxtHead.NONE;
        }
        int flag = head[i + 1];
        int lang = indexOf(head, i + 3, 0);
        int translated = lang < 0 ? -1 : indexOf(head, lang + 1, 0);
        return translated < 0 ? ItxtHead.NONE : new ItxtHead(flag == 1, translated + 1);
    }

    /** Inflates a compressed chunk into a scratch buffer, counting its size against the limit. */
    private void inflated(RandomAccessFile in, long data, long length, int skip, String type) throws IOException {
        in.seek(data + skip);
        long remaining = length - skip;
        if (skip == 0) {
            // zTXt and iCCP: a keyword or profile name, NUL, then the compression method byte.
            byte[] head = new byte[(int) Math.min(remaining, 82)];
            in.readFully(head);
            int nul = indexOf(head, 0, 0);
            if (nul < 0 || nul + 2 > head.length) {
                count(length, "a PNG " + type + " chunk of " + length + " bytes");
                return;
            }
            in.seek(data + nul + 2);
            remaining = length - nul - 2;
        } else {
            in.seek(data + skip);
        }
        Inflater inflater = new Inflater();
        try {
            byte[] input = new byte[64 * 1024];
            byte[] output = new byte[64 * 1024];
            long out = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remaining <= 0) {
                        break;
                    }
                    int n = (int) Math.min(input.length, remaining);
                    in.readFully(input, 0, n);
                    remaining -= n;
                    inflater.setInput(input, 0, n);
                }
                int n = inflater.inflate(output);
                out += n;
                if (used + out > limit) {
                    throw new MediaRejectedException(RejectReason.METADATA_TOO_LARGE, "a PNG " + type + " chunk of " + length
                            + " bytes inflates past the metadata limit of " + limit + " bytes (a decompression bomb)");
                }
                if (n == 0 && inflater.needsDictionary()) {
                    break;
                }
            }
            count(Math.max(out, length), "a PNG " + type + " chunk");
        } catch (DataFormatException e) {
            count(length, "a PNG " + type + " chunk"); // damaged text: the readers skip it
        } finally {
            inflater.end();
        }
    }

    // --- JPEG ------------------------------------------------------------------------------------

    private byte[] jpeg() throws IOException {
        byte[] exif = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            long pos = 2;
            in.skipNBytes(2);
            boolean entropy = false; // inside a scan's entropy-coded data
            int segments = 0;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return exif; // a missing EOI is the decoder's business (TRUNCATED there)
                }
                pos++;
                if (c != 0xFF) {
                    if (!entropy) {
                        throw new MediaRejectedException(RejectReason.TRUNCATED, "JPEG data where a marker should be, at byte " + (pos - 1));
                    }
                    continue;
                }
                int m;
                do {
                    m = in.read();
                    pos++;
                } while (m == 0xFF);
                if (m < 0) {
                    return exif;
                }
                if (m == 0x00 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
                    continue; // stuffed byte, restart marker, TEM: no length
                }
                if (m == 0xD9) {
                    return exif; // EOI
                }
                if (++segments > MAX_PIECES) {
                    throw new MediaRejectedException(RejectReason.METADATA_TOO_LARGE, "over " + MAX_PIECES + " JPEG segments");
                }
                int hi = in.read();
                int lo = in.read();
                if (lo < 0) {
                    throw new EOFException();
                }
                int length = (hi << 8) | lo;
                pos += 2;
                if (length < 2) {
                    throw new MediaRejectedException(RejectReason.TRUNCATED, "a JPEG segment with length " + length);
                }
                long end = pos + length - 2;
                String name = String.format("JPEG %s segment of %d bytes", markerName(m), length);
                within(end, "the " + name);
                boolean metadata = (m >= 0xE0 && m <= 0xEF) || m == 0xFE;
                if (metadata) {
                    count(length + 2, "the " + name);
                }
                if (m == 0xE1 && exif == null && length >= 2 + 6 + 8) {
                    byte[] data = in.readNBytes(length - 2);
                    if (data.length < length - 2) {
                        throw new EOFException();
                    }
                    if (data[0] == 'E' && data[1] == 'x' && data[2] == 'i' && data[3] == 'f' && data[4] == 0 && data[5] == 0) {
                        exif = java.util.Arrays.copyOfRange(data, 6, data.length);
                    }
                } else {
                    in.skipNBytes(length - 2);
                }
                pos = end;
                entropy = m == 0xDA; // SOS: entropy-coded data follows its header
            }
        }
    }

    private static String markerName(int m) {
        if (m >= 0xE0 && m <= 0xEF) {
            return "APP" + (m - 0xE0);
        }
        return m == 0xFE ? "COM" : String.format("0x%02X", m);
    }

    // --- HEIF ------------------------------------------------------------------------------------

    private byte[] heif() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long pos = 0;
            byte[] meta = null;
            for (int boxes = 0; pos + 8 <= fileSize; boxes++) {
                if (boxes > MAX_PIECES) {
                    throw new MediaRejectedException(RejectReason.METADATA_TOO_LARGE, "over " + MAX_PIECES + " HEIF boxes");
                }
                in.seek(pos);
                long size = in.readInt() & 0xffffffffL;
                String type = type(in);
                long header = 8;
                if (size == 1) {
                    size = in.readLong();
                    header = 16;
                } else if (size == 0) {
                    size = fileSize - pos;
                }
                if (size < header) {
                    throw new MediaRejectedException(RejectReason.TRUNCATED, "a HEIF " + printable(type) + " box of " + size + " bytes");
                }
                within(pos + size, "the HEIF " + printable(type) + " box of " + size + " bytes");
                if (type.equals("meta")) {
                    count(size, "the HEIF meta box of " + size + " bytes");
                    if (meta == null) {
                        meta = new byte[(int) (size - header)];
                        in.readFully(meta);
                    }
                } else if (!type.equals("mdat") && !type.equals("free") && !type.equals("skip")) {
                    count(size, "the HEIF " + printable(type) + " box of " + size + " bytes");
                }
                pos += size;
            }
            return meta == null ? null : heifExif(in, meta);
        }
    }

    /** The Exif item of a HEIF {@code meta} box (a full box: version and flags, then child boxes). */
    private byte[] heifExif(RandomAccessFile in, byte[] meta) throws IOException {
        Map<String, Content> children = children(meta, 4);
        Content iinf = children.get("iinf");
        Content iloc = children.get("iloc");
        if (iinf == null || iloc == null) {
            return null;
        }
        Long exifItem = exifItemId(meta, iinf.start(), iinf.end());
        if (exifItem == null) {
            return null;
        }
        Extent extent = extent(meta, iloc.start(), iloc.end(), exifItem);
        if (extent == null || extent.length() < 4) {
            return null;
        }
        within(extent.offset() + extent.length(), "the HEIF Exif item of " + extent.length() + " bytes");
        count(extent.length(), "the HEIF Exif item of " + extent.length() + " bytes");
        byte[] item = new byte[(int) extent.length()];
        in.seek(extent.offset());
        in.readFully(item);
        // The item starts with the offset of the TIFF header within what follows.
        long tiff = 4 + u32(item, 0);
        return tiff < item.length ? java.util.Arrays.copyOfRange(item, (int) tiff, item.length) : null;
    }

    /** Where a box's content lies in the bytes it was read from: [start, end). */
    private record Content(int start, int end) {}

    /** Where an item's bytes lie in the file. */
    private record Extent(long offset, long length) {}

    /** Child boxes of b[from, to): type → where its content lies, the first of each type. */
    private static Map<String, Content> children(byte[] b, int from) {
        Map<String, Content> out = new HashMap<>();
        int p = from;
        while (p + 8 <= b.length) {
            long size = u32(b, p);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8 || p + size > b.length) {
                break;
            }
            out.putIfAbsent(type, new Content(p + 8, (int) (p + size)));
            p += (int) size;
        }
        return out;
    }

    private static Long exifItemId(byte[] b, int from, int to) {
        if (from + 4 > to) {
            return null;
        }
        int version = b[from] & 0xff;
        int p = from + 4 + (version == 0 ? 2 : 4);
        while (p + 8 <= to) {
            long size = u32(b, p);
            if (size < 8 || p + size > to) {
                return null;
            }
            if (new String(b, p + 4, 4, StandardCharsets.ISO_8859_1).equals("infe") && size >= 20) {
                int v = b[p + 8] & 0xff;
                int q = p + 12;
                if (v >= 2) {
                    long id = v == 2 ? u16(b, q) : u32(b, q);
                    q += v == 2 ? 2 : 4;
                    q += 2; // protection index
                    if (q + 4 <= p + size && new String(b, q, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
                        return id;
                    }
                }
            }
            p += (int) size;
        }
        return null;
    }

    /** The single extent of {@code item} in an {@code iloc} box (file offsets only). */
    private static Extent extent(byte[] b, int from, int to, long item) {
        if (from + 8 > to) {
            return null;
        }
        int version = b[from] & 0xff;
        int p = from + 4;
        int offsetSize = (b[p] >> 4) & 0xf;
        int lengthSize = b[p] & 0xf;
        int baseSize = (b[p + 1] >> 4) & 0xf;
        int indexSize = version >= 1 ? b[p + 1] & 0xf : 0;
        p += 2;
        long count = version < 2 ? u16(b, p) : u32(b, p);
        p += version < 2 ? 2 : 4;
        for (long i = 0; i < count; i++) {
            if (p + 16 > to) {
                return null;
            }
            long id = version < 2 ? u16(b, p) : u32(b, p);
            p += version < 2 ? 2 : 4;
            int method = 0;
            if (version >= 1) {
                method = u16(b, p) & 0xf;
                p += 2;
            }
            p += 2; // data reference index
            long base = uint(b, p, baseSize, to);
            p += baseSize;
            int extents = u16(b, p);
            p += 2;
            Extent first = null;
            for (int e = 0; e < extents; e++) {
                p += indexSize;
                long offset = uint(b, p, offsetSize, to);
                p += offsetSize;
                long length = uint(b, p, lengthSize, to);
                p += lengthSize;
                if (p > to || offset < 0 || length < 0) {
                    return null;
                }
                if (e == 0) {
                    first = new Extent(base + offset, length);
                }
            }
            if (id == item) {
                return method == 0 && extents == 1 ? first : null;
            }
        }
        return null;
    }

    private static long uint(byte[] b, int p, int size, int to) {
        if (p + size > to) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static String type(RandomAccessFile in) throws IOException {
        byte[] t = new byte[4];
        in.readFully(t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] b, int from, int value) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "unnamed";
    }
}
