package ichibyo.functions.score;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Hostile files, built by code at test time (nothing large is committed or held in memory). */
final class HostileMedia {
    private HostileMedia() {}

    /** {@code bytes} zeros, deflated (zlib): about 1 KB per MB. */
    static byte[] zlibZeros(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        return out.toByteArray();
    }

    /** A PNG: IHDR, the given extra chunks before the picture, one IDAT, IEND. */
    static final class Png {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int width;
        private final int height;
        private final int colorType;

        Png(int width, int height, boolean palette) throws IOException {
            this.width = width;
            this.height = height;
            this.colorType = palette ? 3 : 2;
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.write(new byte[] {8, (byte) colorType, 0, 0, 0});
            chunk("IHDR", ihdr.toByteArray());
            if (palette) {
                byte[] plte = new byte[3 * 4];
                for (int i = 0; i < plte.length; i++) {
                    plte[i] = (byte) (i * 20);
                }
                chunk("PLTE", plte);
            }
        }

        Png chunk(String type, byte[] data) throws IOException {
            return chunk(type, data, data.length);
        }

        /** A chunk that declares {@code declaredLength} whatever the data written. */
        Png chunk(String type, byte[] data, long declaredLength) throws IOException {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt((int) declaredLength);
            byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
            d.write(t);
            d.write(data);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            d.writeInt((int) crc.getValue());
            return this;
        }

        /** zTXt: keyword, NUL, method 0, zlib data. */
        Png zTXt(byte[] zlib) throws IOException {
            return chunk("zTXt", concat("Comment".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0}, zlib));
        }

        /** Compressed iTXt: keyword NUL, flag 1, method 0, language NUL, translated keyword NUL, zlib text. */
        Png iTXt(byte[] zlib) throws IOException {
            return chunk("iTXt", concat("Description".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 1, 0}, "en".getBytes(),
                    new byte[] {0, 0}, zlib));
        }

        /** iCCP: profile name, NUL, method 0, zlib profile. */
        Png iCCP(byte[] zlib) throws IOException {
            return chunk("iCCP", concat("ICC profile".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0}, zlib));
        }

        byte[] finish() throws IOException {
            int bytesPerPixel = colorType == 3 ? 1 : 3;
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (int y = 0; y < Math.min(height, 4096); y++) {
                raw.write(0);
                for (int x = 0; x < Math.min(width, 4096) * bytesPerPixel; x++) {
                    raw.write((x * 7 + y * 3) & (colorType == 3 ? 3 : 0xff));
                }
            }
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
                raw.writeTo(z);
            }
            chunk("IDAT", idat.toByteArray());
            chunk("IEND", new byte[0]);
            return out.toByteArray();
        }
    }

    /** A JPEG: SOI, the given segments, then the rest of a real JPEG after its own SOI. */
    static byte[] jpegWithSegments(byte[] realJpeg, byte[]... segments) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (byte[] s : segments) {
            out.write(s);
        }
        out.write(realJpeg, 2, realJpeg.length - 2);
        return out.toByteArray();
    }

    /** A marker segment: FF marker, a length that counts itself, the data. */
    static byte[] segment(int marker, byte[] data, int declaredLength) {
        byte[] s = new byte[4 + data.length];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        s[2] = (byte) (declaredLength >> 8);
        s[3] = (byte) declaredLength;
        System.arraycopy(data, 0, s, 4, data.length);
        return s;
    }

    /**
     * EXIF whose IFD0 declares 65535 entries, each a LONG array of 2^30 values: a reader that allocates
     * what the counts say needs terabytes.
     */
    static byte[] absurdExif() throws IOException {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(tiff);
        d.write(new byte[] {'M', 'M', 0, 42});
        d.writeInt(8);
        d.writeShort(0xFFFF);
        for (int i = 0; i < 5000; i++) { // as many as fit in one APP1
            d.writeShort(0x0100 + i);
            d.writeShort(4);
            d.writeInt(1 << 30);
            d.writeInt(8);
        }
        return concat("Exif".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0}, tiff.toByteArray());
    }

    /** ISO-BMFF: ftyp, then a moov box that declares 4 GB but holds a few bytes. */
    static byte[] truncatedMp4WithAHugeBox() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(20);
        d.writeBytes("ftypisom");
        d.writeInt(0x200);
        d.writeBytes("isom");
        d.writeInt(1); // 64-bit size follows
        d.writeBytes("moov");
        d.writeLong(4L << 30);
        d.writeInt(108);
        d.writeBytes("mvhd");
        d.write(new byte[100]);
        return out.toByteArray();
    }

    /** HEIF: ftyp heic, then a meta box of {@code metaBytes} (zeros) declared at {@code declared}. */
    static void heifWithMeta(OutputStream out, int metaBytes, long declared) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(24);
        d.writeBytes("ftypheic");
        d.writeInt(0);
        d.writeBytes("mif1heic");
        d.writeInt((int) declared);
        d.writeBytes("meta");
        d.write(new byte[metaBytes]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
