package ichibyo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The stamp is what score-media reads as takenAt: the demo's end-to-end test sees the items counted in their periods. */
class ExifStampTest {

    @Test
    void stamp_putsTheCaptureTimeAndOffsetInAnExifSegment_andTheJpegStillDecodes() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        byte[] stamped = ExifStamp.stamp(jpeg.toByteArray(), OffsetDateTime.parse("2026-08-15T10:30:00+09:00"));

        String text = new String(stamped, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Exif\0\0MM\0*", "2026:08:15 10:30:00\0", "+09:00\0");
        assertThat(text.indexOf("Exif")).isLessThan(text.indexOf("\u00FF\u00DB")); // before the first quantisation table
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(stamped));
        assertThat(back.getWidth()).isEqualTo(32);
        assertThat(back.getHeight()).isEqualTo(16);
    }

    @Test
    void stamp_refusesWhatIsNotAJpeg() {
        assertThatThrownBy(() -> ExifStamp.stamp(new byte[] {1, 2, 3, 4}, OffsetDateTime.now())).isInstanceOf(IllegalArgumentException.class);
    }
}
