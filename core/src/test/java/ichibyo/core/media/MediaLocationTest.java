package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.media.exceptions.PlainHttpMediaLocationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:9000/ichibyo-media/originals/f/m.jpg?X-Amz-Signature=secret",
            "http://localhost:9000/ichibyo-media/originals/f/m.jpg?X-Amz-Signature=secret",
            "HTTP://LOCALHOST/originals/f/m.jpg?X-Amz-Signature=secret",
            "http://[::1]:9000/ichibyo-media/originals/f/m.jpg?X-Amz-Signature=secret"})
    void plainHttpOnLoopback_isReadOverHttpAndTcpOnly_andNeverPrintedWithItsSignature(String url) {
        MediaLocation location = MediaLocation.of(url);
        assertThat(location.isRemote()).isTrue();
        assertThat(location.ffmpegUrl()).isEqualTo(url);
        assertThat(location.protocolWhitelist()).isEqualTo("file,http,tcp").doesNotContain("https").doesNotContain("crypto");
        assertThat(location.toString()).doesNotContain("secret").endsWith("?…");
        assertThatThrownBy(location::path).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://bucket.s3.amazonaws.com/originals/f/m.jpg?X-Amz-Signature=secret",
            "http://192.168.1.10:9000/originals/f/m.jpg",
            "http://127.0.0.2/originals/f/m.jpg",
            "http://127.0.0.1.example.com/originals/f/m.jpg",
            "http://localhost.example.com/originals/f/m.jpg",
            "http://127.0.0.1@example.com/originals/f/m.jpg",
            "http://127.0.0.1:80@example.com/originals/f/m.jpg",
            "http://example.com\\@127.0.0.1/originals/f/m.jpg",
            "http://[::ffff:8.8.8.8]/originals/f/m.jpg",
            "http:///originals/f/m.jpg"})
    void plainHttpToAnyOtherHost_isRefusedWithANamedErrorThatHidesTheSignature(String url) {
        assertThatThrownBy(() -> MediaLocation.of(url))
                .isInstanceOf(PlainHttpMediaLocationException.class)
                .hasMessageContaining("https://")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void loopbackAtSignInTheQuery_isNoUserInfo() {
        MediaLocation location = MediaLocation.of("http://127.0.0.1:9000/b/k.jpg?note=a@b");
        assertThat(location.protocolWhitelist()).isEqualTo("file,http,tcp");
    }
}
