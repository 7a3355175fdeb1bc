package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaLocationTest {
    @Test
    void localPath_isReadThroughTheFileProtocolOnly() {
        MediaLocation location = MediaLocation.of("/media/a:b.jpg");
        assertThat(location.isRemote()).isFalse();
        assertThat(location.ffmpegUrl()).isEqualTo("file:/media/a:b.jpg");
        assertThat(location.protocolWhitelist()).isEqualTo("file");
        assertThat(location.path()).isEqualTo(Path.of("/media/a:b.jpg"));
    }

    @Test
    void presignedUrl_isReadOverHttpsAndNeverPrintedWithItsSignature() {
        MediaLocation location = MediaLocation.of("https://bucket.s3.amazonaws.com/originals/f/m?X-Amz-Signature=secret");
        assertThat(location.isRemote()).isTrue();
        assertThat(location.ffmpegUrl()).contains("X-Amz-Signature=secret");
        assertThat(location.protocolWhitelist()).isEqualTo("file,https,tls,tcp,crypto");
        assertThat(location.toString()).doesNotContain("secret");
    }
}
