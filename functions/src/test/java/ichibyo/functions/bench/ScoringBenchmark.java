package ichibyo.functions.bench;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.samples.SampleMedia;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.Pictures;
import ichibyo.functions.EmbeddedAws;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Scoring throughput and score-media's cold start: not a test, a measurement. Run it with
 * {@code scripts/bench scoring}. Prints photos/s per core at 1024 px and at 12 MP (one thread
 * scores, which is one core: the face model runs on one thread), videos/s for 10 s and 60 s clips
 * (ffmpeg decodes on all cores), and the time from a fresh JVM's start to its first scored record.
 */
public final class ScoringBenchmark {
    /** Argument {@code cold-start}: only the cold start. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cold-start")) {
            coldStart(SampleMedia.groupPhoto(4));
            System.exit(0);
        }
        Path dir = Files.createTempDirectory("ichibyo-bench");
        List<Path> sources = new ArrayList<>(SampleMedia.groupPhotos());
        sources.add(SampleMedia.portrait());
        sources.add(SampleMedia.footballPhoto());
        List<Path> small = resized(sources, dir, "1024", 1024, 0);
        List<Path> twelveMp = resized(sources, dir, "12mp", 4000, 3000);
        Path clip10 = clip(dir, 10);
        Path clip60 = clip(dir, 60);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s%n", cores, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));

        try (MediaScorer scorer = MediaScorer.local()) {
            for (Path p : small) {
                scorer.score(p, Instant.now()); // warm up: JIT, model, ImageIO
            }
            report("photos 1024 px, 1 thread", photosPerSecond(scorer, small, 1, 6), "photos/s/core");
            report("photos 1024 px, " + cores + " threads", photosPerSecond(scorer, small, cores, 6) / cores, "photos/s/core");
            report("photos 12 MP, 1 thread", photosPerSecond(scorer, twelveMp, 1, 2), "photos/s/core");
            report("videos 10 s (768x576 H.264)", videosPerSecond(scorer, clip10, 3), "videos/s");
            report("videos 60 s (768x576 H.264)", videosPerSecond(scorer, clip60, 2), "videos/s");
        }
        coldStart(small.get(0));
        // The embedded servers' threads would keep the JVM up (and stopping them can take minutes).
        System.exit(0);
    }

    private static void report(String what, double value, String unit) {
        System.out.printf(Locale.ROOT, "%-40s %8.2f %s%n", what, value, unit);
    }

    private static double photosPerSecond(MediaScorer scorer, List<Path> photos, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (Path p : photos) {
                    done.add(pool.submit(() -> scorer.score(p, Instant.now())));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
            return done.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double videosPerSecond(MediaScorer scorer, Path clip, int rounds) {
        scorer.score(clip, Instant.now());
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            scorer.score(clip, Instant.now());
        }
        return rounds / ((System.nanoTime() - start) / 1e9);
    }

    /** The photos scaled to {@code width} (height by aspect when 0, else exactly width × height) as JPEG. */
    private static List<Path> resized(List<Path> photos, Path dir, String name, int width, int height) throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path p : photos) {
            BufferedImage image = ImageIO.read(p.toFile());
            int w = width;
            int h = height > 0 ? height : (int) Math.round((double) image.getHeight() * width / image.getWidth());
            BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            Path target = dir.resolve(name + "-" + p.getFileName().toString().replace(".png", ".jpg"));
            ImageIO.write(scaled, "jpeg", target.toFile());
            out.add(target);
        }
        return out;
    }

    private static Path clip(Path dir, int seconds) {
        Path out = dir.resolve("street-" + seconds + "s.mp4");
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-i", SampleMedia.streetVideo().toString(), "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", out.toString()), Duration.ofMinutes(5));
        return out;
    }

    /** Starts {@link ColdStart} in a fresh JVM against embedded S3 and DynamoDB, as Lambda would start score-media. */
    private static void coldStart(Path photo) throws Exception {
        {
            EmbeddedAws aws = new EmbeddedAws(); // not closed: the benchmark exits right after
            String key = "originals/fam-bench/cold-start.jpg";
            String eTag = aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(key), RequestBody.fromFile(photo)).eTag();
            // The same photo under a second key: the warm cost of one record, for comparison.
            aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(key.replace("cold-start", "warm")), RequestBody.fromFile(photo));
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // An argument file keeps the command line short: ONNX Runtime 1.29.0 crashes under a long one.
            Path argFile = Files.writeString(Files.createTempFile("cold-start", ".args"), "-cp " + System.getProperty("java.class.path"));
            ProcessBuilder builder = new ProcessBuilder(javaBin, "@" + argFile, "--enable-native-access=ALL-UNNAMED", ColdStart.class.getName(), EmbeddedAws.BUCKET, key, eTag.replace("\"", ""),
                    String.valueOf(Files.size(photo)))
                    .redirectErrorStream(true);
            builder.environment().putAll(java.util.Map.of(
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", EmbeddedAws.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", EmbeddedAws.SECRET_KEY,
                    "AWS_ENDPOINT_URL_S3", aws.s3Endpoint.toString(),
                    "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint.toString(),
                    "AWS_S3_FORCE_PATH_STYLE", "true",
                    "CATALOG_TABLE", EmbeddedAws.TABLE));
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            output.lines().filter(l -> l.startsWith("cold start")).forEach(System.out::println);
            report("cold start, process launch to exit", wall, "ms");
            if (process.exitValue() != 0) {
                System.out.println(output);
            }
        }
    }
}
