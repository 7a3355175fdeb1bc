package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.Ichibyo;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ichibyo-local demo} as a user runs it, a process on the real local runtime with real
 * scoring and FFmpeg: the movie comes out HD with sound, the broken upload is rejected with its
 * reason while the rest is scored, and the movie is in S3. The demo keeps its data directory
 * ({@code --data}, DynamoDB on disk), so the test looks at the catalog and the bucket afterwards
 * through a runtime started on the same directory.
 */
class DemoEndToEndTest {

    private static final String MAIN = "ichibyo.local.cli.Main";
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final String FAMILY = "demo-family";

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void demo_uploadsScoresAndRendersThroughTheRuntime_rejectsTheBrokenFile_andPutsTheMovieInS3() throws Exception {
        Path movie = work.resolve("out/demo-movie.mp4");
        Path stdout = work.resolve("demo.out");
        Path stderr = work.resolve("demo.err");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), MAIN,
                "demo", movie.toString(), "--data", data.toString(), "--dynamodb-on-disk"));
        Process demo = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean ended = demo.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        assertThat(ended && demo.exitValue() == 0).as("demo ended with 0 within %s; output: %s; log: %s; functions: %s",
                DEADLINE, Logs.tail(stdout), Logs.tail(stderr), Logs.tail(work.resolve("out/demo-movie.mp4.log"))).isTrue();

        List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).anyMatch(l -> l.contains("originals/" + FAMILY + "/broken-file.jpg") && l.contains("REJECTED")
                && l.contains("NOT_MEDIA"));
        assertThat(lines).anyMatch(l -> l.contains("originals/" + FAMILY + "/film.mp4") && l.contains("SCORED"));
        assertThat(lines).anyMatch(l -> l.startsWith("  timings: start-up ") && l.contains(" upload ") && l.contains(" scoring ")
                && l.contains(" render "));

        MediaInfo info = MediaProbe.local().probe(movie);
        assertThat(info.isVideo()).isTrue();
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
        // Six moments of 1–1.5 s joined with crossfades.
        assertThat(info.duration()).isBetween(5.0, 9.0);
        assertThat(info.hasAudio()).isTrue();

        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withDynamoDbOnDisk(true))) {
            List<MediaItem> items = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE).items(FAMILY);
            assertThat(items).hasSize(7);
            MediaItem broken = items.stream().filter(i -> i.mediaId().equals("broken-file")).findFirst().orElseThrow();
            assertThat(broken.status()).isEqualTo(MediaStatus.REJECTED);
            assertThat(broken.rejectReason()).isEqualTo(RejectReason.NOT_MEDIA);
            assertThat(items).filteredOn(i -> i.status() == MediaStatus.SCORED).extracting(MediaItem::mediaId)
                    .containsExactlyInAnyOrder("group-photo-1", "street-video", "group-photo-4", "film", "group-photo-6", "portrait");

            var head = runtime.s3().headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key("movies/" + FAMILY + "/demo.mp4"));
            assertThat(head.contentLength()).isEqualTo(Files.size(movie));
            assertThat(head.contentType()).isEqualTo("video/mp4");
        }
    }
}
