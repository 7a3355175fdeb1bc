package ichibyo.functions.render;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.render.Clip;
import ichibyo.core.render.EditionStyle;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.Music;
import ichibyo.core.render.Output;
import ichibyo.core.render.PosterFrame;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderResult;
import ichibyo.core.render.RenderSettings;
import ichibyo.core.Json;
import ichibyo.core.media.MediaProbe;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import ichibyo.functions.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The render step, S3 in and S3 out, the same on Lambda ({@link RenderMovieHandler}) and on a Fargate task
 * ({@code ichibyo.tasks.render.RenderTask}): reads a render plan from the media bucket, turns its
 * {@code s3://bucket/key} sources into presigned GET URLs (the renderer reads them with input seeking, so a
 * one-second moment of a long video downloads about one second of it), renders with core's
 * {@link MovieRenderer} in a work folder, and puts the movie and its poster (a frame from the middle) into
 * the bucket.
 *
 * <p>Configuration ({@link #fromEnvironment}): {@code MEDIA_BUCKET}; {@code RENDER_TIME_LIMIT_SECONDS}
 * (default 600) bounds the ffmpeg run.
 */
public final class MovieRendering {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final MovieRenderer renderer;
    private final FfmpegRunner ffmpeg;

    public MovieRendering(S3Client s3, S3Presigner presigner, String bucket, MovieRenderer renderer, FfmpegRunner ffmpeg) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.renderer = renderer;
        this.ffmpeg = ffmpeg;
    }

    /** As on Lambda and Fargate: clients and the bucket from the environment, the located FFmpeg binaries. */
    public static MovieRendering fromEnvironment() {
        AwsClients aws = AwsClients.fromEnvironment();
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        RenderSettings settings = RenderSettings.DEFAULT.withTimeLimit(
                Duration.ofSeconds(Long.parseLong(Env.or("RENDER_TIME_LIMIT_SECONDS", "600"))));
        return new MovieRendering(aws.s3(), aws.presigner(), Env.require("MEDIA_BUCKET"),
                new MovieRenderer(MediaProbe.local(), settings), ffmpeg);
    }

    public String bucket() {
        return bucket;
    }

    /** The poster beside the movie: {@code movies/f/m.mp4} → {@code movies/f/m.jpg}. */
    public static String posterKey(String outputKey) {
        int slash = outputKey.lastIndexOf('/');
        int dot = outputKey.lastIndexOf('.');
        return (dot > slash + 1 ? outputKey.substring(0, dot) : outputKey) + ".jpg";
    }

    /**
     * Renders the plan at {@code request.planKey()} into {@code request.outputKey()} and its poster.
     *
     * @throws InvalidRenderRequestException                a key is missing
     * @throws ichibyo.core.render.exceptions.InvalidRenderPlanException the plan is missing ({@link RenderPlanNotFoundException}),
     *         not a plan, names a source outside S3 ({@link SourceNotInS3Exception}) or breaks a rule
     * @throws ichibyo.core.media.exceptions.MediaException            a source is missing, undecodable or unsupported
     * @throws ichibyo.core.media.exceptions.FfmpegException           ffmpeg failed or ran over its time limit
     */
    public RenderedMovie render(RenderRequest request) {
        request.validated();
        long start = System.nanoTime();
        RenderPlan plan = RenderPlan.fromJson(readPlan(request.planKey()));
        Duration urlLifetime = renderer.settings().timeLimit().plusMinutes(15);
        RenderPlan readable = withPresignedSources(plan, urlLifetime);
        Path work = null;
        try {
            work = Files.createTempDirectory("ichibyo-movie-");
            RenderResult result = renderer.render(readable, work.resolve("movie.mp4"));
            Path poster = PosterFrame.extract(ffmpeg, result.output(), result.duration(), work.resolve("poster.jpg"));
            long bytes = Files.size(result.output());
            String posterKey = posterKey(request.outputKey());
            s3.putObject(p -> p.bucket(bucket).key(request.outputKey()).contentType("video/mp4"), RequestBody.fromFile(result.output()));
            s3.putObject(p -> p.bucket(bucket).key(posterKey).contentType("image/jpeg"), RequestBody.fromFile(poster));
            RenderedMovie movie = new RenderedMovie(request.outputKey(), posterKey, result.duration(), result.width(), result.height(),
                    bytes, (System.nanoTime() - start) / 1e9);
            Log.info("movie rendered", "planKey", request.planKey(), "outputKey", movie.outputKey(), "clips", plan.clips().size(),
                    "durationSeconds", movie.durationSeconds(), "bytes", movie.bytes(), "renderSeconds", movie.renderSeconds());
            // One metric for the render step, on Lambda or on the Fargate task alike.
            Invocation.metric("render", "RenderSeconds", movie.renderSeconds(), MetricUnit.SECONDS);
            return movie;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            WorkDirs.delete(work);
        }
    }

    private String readPlan(String key) {
        try {
            return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
        } catch (NoSuchKeyException e) {
            throw new RenderPlanNotFoundException("s3://" + bucket + "/" + key);
        }
    }

    /** The plan with every source a presigned GET URL; each object is checked first, so a missing one is named. */
    RenderPlan withPresignedSources(RenderPlan plan, Duration lifetime) {
        Map<String, String> urls = new HashMap<>();
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < plan.clips().size(); i++) {
            Clip clip = plan.clips().get(i);
            clips.add(clip.withSource(url("clip " + i + " source", clip.source(), lifetime, urls)));
        }
        Music music = plan.music() == null ? null
                : new Music(url("music source", plan.music().source(), lifetime, urls), plan.music().start(), plan.music().volume());
        String watermark = plan.watermark() == null ? null : url("watermark", plan.watermark(), lifetime, urls);
        return new RenderPlan(plan.version(), plan.output(), plan.title(), watermark, music, clips);
    }

    private String url(String what, String source, Duration lifetime, Map<String, String> urls) {
        String known = source == null ? null : urls.get(source);
        if (known != null) {
            return known;
        }
        S3Uri uri = S3Uri.parse(what, source);
        try {
            s3.headObject(h -> h.bucket(uri.bucket()).key(uri.key()));
        } catch (NoSuchKeyException e) {
            throw new MediaNotFoundException(source);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new MediaNotFoundException(source);
            }
            throw e;
        }
        String url = presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(uri.bucket()).key(uri.key()))).url().toString();
        urls.put(source, url);
        return url;
    }

    /**
     * SnapStart: runs what a first request runs without touching the network (no connection may be kept in the
     * snapshot): Jackson reads a plan and writes a result, a source becomes a presigned URL (signing is local).
     * Nothing is kept.
     */
    public void prime() {
        RenderPlan plan = RenderPlan.fromJson(RenderPlan.of(Output.hd(EditionStyle.QUARTERLY), "priming", null, null,
                List.of(Clip.video("s3://" + bucket + "/priming/clip.mp4", 0))).toJson());
        S3Uri uri = S3Uri.parse("priming", plan.clips().getFirst().source());
        presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1)).getObjectRequest(g -> g.bucket(uri.bucket()).key(uri.key())));
        try {
            Json.mapper().readValue(Json.mapper().writeValueAsString(new RenderedMovie("a.mp4", "a.jpg", 1, 2, 2, 1, 1)), RenderedMovie.class);
            Json.mapper().readValue("{\"planKey\":\"p\",\"outputKey\":\"o\"}", RenderRequest.class).validated();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code s3://bucket/key} URI; the key as written (not percent-decoded), as the AWS CLI takes it. */
    record S3Uri(String bucket, String key) {
        static S3Uri parse(String what, String source) {
            if (source == null || !source.startsWith("s3://")) {
                throw new SourceNotInS3Exception(what, String.valueOf(source));
            }
            int slash = source.indexOf('/', 5);
            if (slash <= 5 || slash == source.length() - 1) {
                throw new SourceNotInS3Exception(what, source);
            }
            return new S3Uri(source.substring(5, slash), source.substring(slash + 1));
        }
    }
}
