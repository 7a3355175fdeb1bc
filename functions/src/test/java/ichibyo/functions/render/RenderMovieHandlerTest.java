package ichibyo.functions.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.render.Clip;
import ichibyo.core.render.EditionStyle;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.Music;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderSettings;
import ichibyo.core.render.Aspect;
import ichibyo.functions.EmbeddedAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The render step on real S3 (S3Proxy, checking signatures) and real FFmpeg, through the Lambda handler. */
class RenderMovieHandlerTest {
    private static final String B = EmbeddedAws.BUCKET;
    private static EmbeddedAws aws;
    private static RenderMovieHandler handler;
    private static MediaProbe probe;

    @TempDir
    static Path media;
    @TempDir
    Path out;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        probe = MediaProbe.local();
        handler = new RenderMovieHandler(new MovieRendering(aws.s3, aws.presigner, B,
                new MovieRenderer(probe, RenderSettings.DEFAULT), FfmpegRunner.local()));
        // Two short videos with sound and a tone for music, as uploads.
        upload("originals/f1/a.mp4", video("a.mp4", 2, true));
        upload("originals/f1/b.mp4", video("b.mp4", 2, false));
        upload("music/tone.m4a", tone("tone.m4a", 4));
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    static Path video(String name, double seconds, boolean audio) {
        Path file = media.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=30:duration=" + seconds));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds, "-c:a", "aac"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", file.toString()));
        FfmpegRunner.local().ffmpeg(args, Duration.ofSeconds(60));
        return file;
    }

    static Path tone(String name, double seconds) {
        Path file = media.resolve(name);
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=" + seconds,
                "-c:a", "aac", "-y", file.toString()), Duration.ofSeconds(60));
        return file;
    }

    static void upload(String key, Path file) {
        aws.s3.putObject(p -> p.bucket(B).key(key), RequestBody.fromFile(file));
    }

    static void putPlan(String key, String json) {
        aws.s3.putObject(p -> p.bucket(B).key(key).contentType("application/json"), RequestBody.fromString(json));
    }

    static RenderPlan plan(List<Clip> clips) {
        return RenderPlan.of(new Output(Aspect.LANDSCAPE, 240, 30, EditionStyle.QUARTERLY), "Fargate or Lambda", null,
                Music.of("s3://" + B + "/music/tone.m4a"), clips);
    }

    static JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), response, null);
        return Json.mapper().readTree(response.toByteArray());
    }

    @Test
    void planWithS3Sources_rendersTheMovieAndItsPosterIntoTheBucket() throws Exception {
        putPlan("plans/f1/q1.json", plan(List.of(
                Clip.video("s3://" + B + "/originals/f1/a.mp4", 0.5).withDuration(1.5),
                Clip.video("s3://" + B + "/originals/f1/b.mp4", 0).withDuration(1.0))).toJson());

        JsonNode result = invoke("{\"planKey\":\"plans/f1/q1.json\",\"outputKey\":\"movies/f1/q1.mp4\"}");

        // 45 + 30 frames joined by a crossfade of 0.25 s in whole frames (8): 67 frames at 30 fps.
        double planned = 67 / 30.0;
        assertThat(result.path("outputKey").asText()).isEqualTo("movies/f1/q1.mp4");
        assertThat(result.path("posterKey").asText()).isEqualTo("movies/f1/q1.jpg");
        assertThat(result.path("durationSeconds").asDouble()).isCloseTo(planned, org.assertj.core.data.Offset.offset(0.001));
        assertThat(result.path("width").asInt()).isEqualTo(426);
        assertThat(result.path("height").asInt()).isEqualTo(240);
        assertThat(result.path("renderSeconds").asDouble()).isPositive();

        Path movie = out.resolve("movie.mp4");
        aws.s3.getObject(g -> g.bucket(B).key("movies/f1/q1.mp4"), movie);
        assertThat(Files.size(movie)).isEqualTo(result.path("bytes").asLong());
        MediaInfo info = probe.probe(movie);
        assertThat(info.isVideo()).isTrue();
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.duration()).isCloseTo(planned, org.assertj.core.data.Offset.offset(0.1));
        assertThat(aws.s3.headObject(h -> h.bucket(B).key("movies/f1/q1.mp4")).contentType()).isEqualTo("video/mp4");

        Path poster = out.resolve("poster.jpg");
        aws.s3.getObject(g -> g.bucket(B).key("movies/f1/q1.jpg"), poster);
        MediaInfo posterInfo = probe.probe(poster);
        assertThat(posterInfo.isPhoto()).isTrue();
        assertThat(posterInfo.width()).isEqualTo(426);
        assertThat(posterInfo.height()).isEqualTo(240);
    }

    @Test
    void missingPlan_isAnInvalidPlan_thatNamesIt() {
        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/none.json\",\"outputKey\":\"movies/none.mp4\"}"))
                .isExactlyInstanceOf(InvalidRenderPlanException.class)
                .hasMessageContaining("RenderPlanNotFoundException")
                .hasMessageContaining("s3://" + B + "/plans/none.json");
    }

    @Test
    void sourceOutsideS3_isRefusedBeforeAnythingIsRead() {
        putPlan("plans/local-file.json", plan(List.of(Clip.video("/etc/passwd", 0))).toJson());

        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/local-file.json\",\"outputKey\":\"movies/x.mp4\"}"))
                .isExactlyInstanceOf(InvalidRenderPlanException.class)
                .hasMessageContaining("SourceNotInS3Exception")
                .hasMessageContaining("clip 0 source must be an s3://bucket/key URI");
    }

    @Test
    void missingSourceObject_isMediaNotFound_namingTheUri() {
        putPlan("plans/missing-clip.json", plan(List.of(Clip.video("s3://" + B + "/originals/f1/gone.mp4", 0))).toJson());

        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/missing-clip.json\",\"outputKey\":\"movies/y.mp4\"}"))
                .isInstanceOf(MediaNotFoundException.class)
                .hasMessageContaining("s3://" + B + "/originals/f1/gone.mp4");
        assertThat(RenderErrors.PERMANENT).contains(RenderErrors.errorName(new MediaNotFoundException("x")));
    }

    @Test
    void notAPlan_andPlanOfTooManyClips_areInvalidPlans() {
        putPlan("plans/garbage.json", "{\"version\": 1, \"clips\": \"nope\"");
        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/garbage.json\",\"outputKey\":\"movies/z.mp4\"}"))
                .isExactlyInstanceOf(InvalidRenderPlanException.class).hasMessageContaining("not a render plan");

        Clip clip = Clip.video("s3://" + B + "/originals/f1/a.mp4", 0);
        putPlan("plans/too-many.json", plan(java.util.Collections.nCopies(21, clip)).toJson());
        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/too-many.json\",\"outputKey\":\"movies/z.mp4\"}"))
                .isExactlyInstanceOf(InvalidRenderPlanException.class).hasMessageContaining("TooManyClipsException");
        assertThat(RenderErrors.errorName(new ichibyo.core.render.exceptions.TooManyClipsException(21, EditionStyle.QUARTERLY)))
                .isEqualTo("ichibyo.core.render.exceptions.InvalidRenderPlanException");
    }

    @Test
    void requestWithoutKeys_orOverwritingItsPlan_isAnInvalidRequest() {
        assertThatThrownBy(() -> invoke("{\"planKey\":\"plans/a.json\"}"))
                .isInstanceOf(InvalidRenderRequestException.class).hasMessageContaining("outputKey is missing");
        assertThatThrownBy(() -> invoke("not json"))
                .isInstanceOf(InvalidRenderRequestException.class);
        assertThatThrownBy(() -> invoke("{\"planKey\":\"movies/a.jpg\",\"outputKey\":\"movies/a.mp4\"}"))
                .isInstanceOf(InvalidRenderRequestException.class).hasMessageContaining("overwrite the plan");
    }

    @Test
    void priming_touchesNoNetwork_andKeepsNothing() {
        // The snapshot hook signs and parses locally: it works with S3 unreachable.
        try (var offline = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")).build()) {
            new MovieRendering(aws.s3, offline, B, MovieRenderer.local(), FfmpegRunner.local()).prime();
        }
        handler.beforeCheckpoint(null);
    }

    @Test
    void posterKey_replacesTheExtension() {
        assertThat(MovieRendering.posterKey("movies/f/m.mp4")).isEqualTo("movies/f/m.jpg");
        assertThat(MovieRendering.posterKey("movies/f.d/m")).isEqualTo("movies/f.d/m.jpg");
    }
}
