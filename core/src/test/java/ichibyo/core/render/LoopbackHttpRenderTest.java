package ichibyo.core.render;

import static ichibyo.core.TestMedia.BLUE;
import static ichibyo.core.TestMedia.GREEN;
import static ichibyo.core.TestMedia.RED;
import static ichibyo.core.TestMedia.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import ichibyo.core.TestMedia;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.Orientation;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs read over plain HTTP from this machine, as from the local runtime's S3 (presigned GETs
 * to 127.0.0.1): probed and rendered through ffmpeg's http protocol, seeking with range requests.
 */
class LoopbackHttpRenderTest {
    private static final Output SMALL = new Output(Aspect.LANDSCAPE, 180, 30, EditionStyle.MONTHLY);

    private final Map<String, Path> served = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            // Keys without extensions, as S3 originals are read: the probe must not rely on a name.
            Path file = served.get(exchange.getRequestURI().getPath());
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            // Range requests as S3 answers them: ffmpeg seeks (an MP4's index at its end, a moment's start) with them.
            byte[] whole = Files.readAllBytes(file);
            int from = 0;
            int to = whole.length - 1;
            String range = exchange.getRequestHeaders().getFirst("Range");
            var m = range == null ? null : java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
            boolean partial = m != null && m.matches() && Integer.parseInt(m.group(1)) < whole.length;
            if (partial) {
                from = Integer.parseInt(m.group(1));
                to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + whole.length);
            }
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(partial ? 206 : 200, to - from + 1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(whole, from, to - from + 1);
            } catch (java.io.IOException e) {
                // ffmpeg closes a connection it no longer needs after a seek
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path, Path file) {
        served.put(path, file);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?X-Amz-Signature=local";
    }

    @Test
    void photoOverLoopbackHttp_isProbedWithoutExif_andTurnedUprightByThePlansOrientation(@TempDir Path dir) {
        Path tagged = TestMedia.quadrantPhoto(dir, 320, 180, 6);
        String url = url("/originals/f/photo", tagged);

        MediaInfo info = MediaProbe.local().probe(ichibyo.core.media.MediaLocation.of(url));
        // EXIF is read from local files only: over a URL the orientation must come in the plan.
        assertThat(info.isPhoto()).isTrue();
        assertThat(info.orientation()).isEqualTo(Orientation.NORMAL);

        Clip clip = Clip.photo(url, KenBurns.STILL).withOrientation(6).withDuration(0.3);
        Path movie = MovieRenderer.local().render(RenderPlan.of(SMALL, null, null, null, List.of(clip)), dir.resolve("photo.mp4")).output();

        BufferedImage frame = TestMedia.frameAt(movie, 0.1);
        assertThat(List.of(TestMedia.quadrantColour(frame, true, true), TestMedia.quadrantColour(frame, false, true),
                TestMedia.quadrantColour(frame, true, false), TestMedia.quadrantColour(frame, false, false)))
                .containsExactly(RED, GREEN, BLUE, WHITE);
    }

    @Test
    void videoOverLoopbackHttp_isRenderedFromTheMomentAsked(@TempDir Path dir) {
        Path video = TestMedia.video(dir, "clip.mp4", 320, 180, 3, true);
        String url = url("/originals/f/video", video);

        RenderResult result = MovieRenderer.local().render(
                RenderPlan.of(SMALL, null, null, null, List.of(Clip.video(url, 1.5).withDuration(1.0))), dir.resolve("video.mp4"));

        MediaInfo rendered = MediaProbe.local().probe(result.output());
        assertThat(rendered.duration()).isCloseTo(1.0, within(0.1));
        assertThat(rendered.hasAudio()).isTrue();
    }
}
