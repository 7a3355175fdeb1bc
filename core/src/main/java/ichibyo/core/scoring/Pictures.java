package ichibyo.core.scoring;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Scaling and JPEG encoding of small pictures (thumbnails, analysis images). */
public final class Pictures {
    /** The long edge of every thumbnail. */
    public static final int THUMBNAIL_LONG_EDGE = 320;

    private Pictures() {}

    /** Scaled so its long edge is at most {@code longEdge}; halves first, so large reductions do not alias. */
    public static BufferedImage fitWithin(BufferedImage image, int longEdge) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > 2 * longEdge) {
            current = scale(current, Math.max(1, current.getWidth() / 2), Math.max(1, current.getHeight() / 2));
        }
        int w = current.getWidth();
        int h = current.getHeight();
        if (Math.max(w, h) <= longEdge) {
            return current.getType() == BufferedImage.TYPE_3BYTE_BGR ? current : scale(current, w, h);
        }
        double f = (double) longEdge / Math.max(w, h);
        return scale(current, Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f)));
    }

    public static RgbImage fitWithin(RgbImage image, int longEdge) {
        if (Math.max(image.width(), image.height()) <= longEdge) {
            return image;
        }
        return RgbImage.of(fitWithin(image.toBufferedImage(), longEdge));
    }

    private static BufferedImage scale(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** A baseline JPEG at quality 0.85. */
    public static byte[] jpeg(RgbImage image) {
        return jpeg(image.toBufferedImage());
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** An upright JPEG of {@link #THUMBNAIL_LONG_EDGE} px on the long edge (smaller pictures keep their size). */
    public static byte[] thumbnail(RgbImage upright) {
        return jpeg(fitWithin(upright.toBufferedImage(), THUMBNAIL_LONG_EDGE));
    }
}
