package ichibyo.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.samples.SampleMedia;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The perceptual hash score-media stores: copies of a photo stay within selection's threshold, other photos do not. */
class PerceptualHashTest {
    /** The default editions' {@code nearDuplicates.maxHashDistance}. */
    private static final int THRESHOLD = 10;

    static MediaScorer scorer;

    @BeforeAll
    static void load() {
        scorer = MediaScorer.local();
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    void resizedAndRecompressedCopy_ofARealPhoto_isWithinTheThreshold(@TempDir Path dir) throws Exception {
        for (Path photo : SampleMedia.groupPhotos()) {
            String original = hash(photo);
            Path copy = resized(photo, dir.resolve("copy-" + photo.getFileName()), 0.4, 0.5f);
            assertThat(PerceptualHash.distance(original, hash(copy))).as(photo.getFileName().toString()).isLessThanOrEqualTo(THRESHOLD);
        }
    }

    @Test
    void differentPhotos_areFartherApartThanTheThreshold() {
        List<String> hashes = new ArrayList<>();
        for (Path photo : SampleMedia.groupPhotos()) {
            hashes.add(hash(photo));
        }
        hashes.add(hash(SampleMedia.portrait()));
        hashes.add(hash(SampleMedia.footballPhoto()));
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                assertThat(PerceptualHash.distance(hashes.get(i), hashes.get(j))).as(i + " vs " + j).isGreaterThan(THRESHOLD);
            }
        }
    }

    @Test
    void generatedPictures_aGradientAndItsMirror_areFarApart_andTheHashIgnoresSize() {
        RgbImage gradient = gradient(400, 300, false);
        assertThat(PerceptualHash.distance(PerceptualHash.of(gradient), PerceptualHash.of(gradient(800, 600, false)))).isLessThanOrEqualTo(2);
        assertThat(PerceptualHash.distance(PerceptualHash.of(gradient), PerceptualHash.of(gradient(400, 300, true)))).isGreaterThan(40);
    }

    @Test
    void videos_getAHashOfTheirBestMoment_andItReachesTheCatalogItem(@TempDir Path dir) throws Exception {
        Path video = ichibyo.core.TestMedia.video(dir, "v.mp4", 320, 240, 3, false);
        ScoredMedia scored = scorer.score(video, Instant.EPOCH);
        assertThat(scored.perceptualHash()).matches("[0-9a-f]{16}");

        OriginalKey key = new OriginalKey("fam", "v1", "mp4");
        MediaItem item = MediaItem.scored(key, new SourceObject("b", key.key(), "e", null, "01"), scored, Instant.EPOCH, Instant.EPOCH);
        String json = Json.mapper().writeValueAsString(item);
        assertThat(json).contains("\"perceptualHash\":\"" + scored.perceptualHash() + "\"");
        assertThat(Json.mapper().readValue(json, MediaItem.class)).isEqualTo(item);
    }

    @Test
    void malformedHash_isRefused() {
        assertThatThrownBy(() -> PerceptualHash.distance("abc", "0000000000000000")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hash(Path photo) {
        String h = scorer.score(photo, Instant.EPOCH).perceptualHash();
        assertThat(h).matches("[0-9a-f]{16}");
        return h;
    }

    /** A smaller copy, recompressed as a low-quality JPEG (what a messaging app does to a shared photo). */
    private static Path resized(Path photo, Path out, double scale, float quality) throws Exception {
        BufferedImage in = ImageIO.read(photo.toFile());
        int w = (int) (in.getWidth() * scale);
        int h = (int) (in.getHeight() * scale);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (FileImageOutputStream stream = new FileImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(small, null, null), param);
        } finally {
            writer.dispose();
        }
        assertThat(Files.size(out)).isLessThan(Files.size(photo));
        return out;
    }

    private static RgbImage gradient(int w, int h, boolean mirrored) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (int) (255.0 * (mirrored ? w - 1 - x : x) / (w - 1) * (0.5 + 0.5 * Math.sin(y * 6.0 / h)));
                int p = (y * w + x) * 3;
                rgb[p] = rgb[p + 1] = rgb[p + 2] = (byte) v;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
