package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ichibyo-local demo} as a user runs it, a process on the real local runtime with real scoring,
 * delivery runs and FFmpeg: it exits 0; each eligible family's movie is in {@code OUT/movies/} and plays
 * (video and audio); the output names the skipped families with their reasons and the failed one with its
 * error; the completion curve is a PNG; and the catalog, the families table and the bucket hold what the
 * demo says. The demo keeps its data directory ({@code --data}, DynamoDB on disk), so the test looks at it
 * afterwards through a runtime started on the same directory.
 */
class DemoEndToEndTest {

    private static final String MAIN = "ichibyo.local.cli.Main";
    private static final Duration DEADLINE = Duration.ofSeconds(400);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void demo_deliversEachEligibleFamilysMovies_recordsTheSkippedAndTheFailed_andDrawsTheCurve() throws Exception {
        Instant now = Instant.now();
        Period quarter = Editions.defaults().edition("quarterly").dueAt(now, TOKYO);
        Period month = Editions.defaults().edition("monthly").dueAt(now, TOKYO);
        Path out = work.resolve("out");
        Path stdout = work.resolve("demo.out");
        Path stderr = work.resolve("demo.err");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), MAIN,
                "demo", out.toString(), "--data", data.toString(), "--dynamodb-on-disk"));
        Process demo = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean ended = demo.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        assertThat(ended && demo.exitValue() == 0).as("demo ended with 0 within %s; output: %s; log: %s; functions: %s",
                DEADLINE, Logs.tail(stdout), Logs.tail(stderr), Logs.tail(out.resolve("demo.log"))).isTrue();

        // Each eligible family's movie, copied out, plays with picture and sound; so does its poster exist.
        List<String> movies = List.of("tanaka-quarterly-" + quarter.name(), "smith-quarterly-" + quarter.name(),
                "tanaka-monthly-" + month.name());
        for (String movie : movies) {
            MediaInfo info = MediaProbe.local().probe(out.resolve("movies/" + movie + ".mp4"));
            assertThat(info.isVideo()).as(movie).isTrue();
            assertThat(info.duration()).as(movie).isPositive();
            assertThat(info.hasAudio()).as(movie).isTrue();
            assertThat(out.resolve("movies/" + movie + ".jpg")).isNotEmptyFile();
        }
        try (var listed = Files.list(out.resolve("movies"))) {
            assertThat(listed.filter(p -> p.toString().endsWith(".mp4")).count()).isEqualTo(3);
        }

        // The output: the rejected junk, the live progress, the summaries with reasons and errors, the cost, the timings.
        List<String> lines = Files.readAllLines(stdout);
        // Each family's member signed in for it; one family's member gets no upload URL of another family.
        assertThat(lines).anyMatch(l -> l.contains("smith-emma asking for an upload URL of tanaka: 403 NotAFamilyMember"));
        assertThat(lines).anyMatch(l -> l.contains("originals/garcia/garcia-broken-1.jpg REJECTED NOT_MEDIA"));
        assertThat(lines).anyMatch(l -> l.contains("delivered 3/4, failed 1"));
        assertThat(lines).anyMatch(l -> l.contains("TOO_LITTLE_MATERIAL 1: 佐藤家 (3 usable, 10 needed)"));
        assertThat(lines).anyMatch(l -> l.contains("NOT_PREMIUM 1: The Smiths"));
        assertThat(lines).anyMatch(l -> l.contains("The Garcias") && l.contains("MediaNotFoundException")
                && l.contains("originals/garcia/"));
        assertThat(lines).filteredOn(l -> l.contains("estimated AWS cost of the run: USD") && l.contains("prices as of")
                && l.contains("configurable")).hasSize(2);
        assertThat(lines).anyMatch(l -> l.startsWith("timings: start-up ") && l.contains(" scoring ") && l.contains(" delivery runs ")
                && l.contains(" total "));

        // The completion curve is a PNG.
        Path png = out.resolve("delivery-curve.png");
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);

        // What the demo said is what the runtime holds.
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withDynamoDbOnDisk(true))) {
            MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
            assertThat(catalog.items("tanaka")).hasSize(21).allMatch(MediaItem::isUsable);
            List<MediaItem> garcia = catalog.items("garcia");
            assertThat(garcia).filteredOn(i -> i.status() == MediaStatus.REJECTED).hasSize(3)
                    .allMatch(i -> i.rejectReason() == RejectReason.NOT_MEDIA);
            assertThat(garcia).filteredOn(MediaItem::isUsable).hasSize(10);

            FamilyDirectory families = new FamilyDirectory(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE);
            assertThat(families.get("tanaka")).hasValueSatisfying(f -> assertThat(f.displayName()).isEqualTo("田中家"));
            for (Delivery d : List.of(new Delivery("tanaka", "quarterly", quarter), new Delivery("smith", "quarterly", quarter),
                    new Delivery("tanaka", "monthly", month))) {
                assertThat(families.delivery(d)).as(d.movieKey()).hasValueSatisfying(s -> assertThat(s.eventSent()).isTrue());
                String file = d.familyId() + "-" + d.edition() + "-" + d.period().name() + ".mp4";
                long size = runtime.s3().headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key(d.movieKey())).contentLength();
                assertThat(size).isEqualTo(Files.size(out.resolve("movies/" + file)));
            }
            for (Delivery d : List.of(new Delivery("sato", "quarterly", quarter), new Delivery("garcia", "quarterly", quarter),
                    new Delivery("smith", "monthly", month))) {
                assertThat(families.delivery(d)).as(d.movieKey()).isEmpty();
            }

            JsonNode q = summary(runtime, "quarterly", quarter);
            assertThat(q.path("delivered").asInt()).isEqualTo(2);
            assertThat(q.path("skipped").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
            assertThat(q.path("failed")).hasSize(1);
            assertThat(q.path("failed").get(0).path("familyId").asText()).isEqualTo("garcia");
            assertThat(q.path("cost").path("total").asDouble()).isPositive();
            JsonNode m = summary(runtime, "monthly", month);
            assertThat(m.path("delivered").asInt()).isEqualTo(1);
            assertThat(m.path("skipped").path("NOT_PREMIUM").asInt()).isEqualTo(1);
            assertThat(m.path("skipped").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
        }
    }

    private static JsonNode summary(LocalRuntime runtime, String edition, Period period) throws Exception {
        return Json.mapper().readTree(runtime.s3().getObjectAsBytes(r -> r.bucket(Ichibyo.MEDIA_BUCKET)
                .key("runs/" + edition + "/" + period.name() + "/summary.json")).asUtf8String());
    }
}
