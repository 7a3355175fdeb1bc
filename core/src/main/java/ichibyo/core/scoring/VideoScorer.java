package ichibyo.core.scoring;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.exceptions.FfmpegFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Scores a video from frames sampled across its whole length. One ffmpeg process decodes it once
 * and writes small upright RGB frames (256 px on the long edge; ffmpeg applies the display
 * rotation itself) to a pipe and, when there is audio, 8 kHz mono PCM to a file in the work
 * directory. A second, short one grabs the poster at the best moment.
 *
 * <p>Sampling: 4 frames a second for clips up to 30 s, then fewer so that at most 120 frames are
 * kept (a 10-minute video gives one frame every 5 s). Videos over two minutes are decoded from
 * key frames only, which is what keeps a long video's decode short.
 */
public final class VideoScorer {
    static final int FRAME_LONG_EDGE = 256;
    private static final int MAX_FRAMES = 120;
    private static final int FACE_FRAMES = 8;
    private static final int AUDIO_RATE = 8000;
    /** Mean absolute luma change between samples (0–1) that counts as full motion. */
    static final double FULL_MOTION = 0.08;
    private static final int POSTER_LONG_EDGE = 1280;

    private final FfmpegRunner ffmpeg;
    private final FaceDetector faces;

    public VideoScorer(FfmpegRunner ffmpeg, FaceDetector faces) {
        this.ffmpeg = ffmpeg;
        this.faces = faces;
    }

    /**
     * @param file    the video, already probed ({@code info}) and within the limits
     * @param workDir a private directory for the audio samples
     */
    public ScoredMedia score(Path file, Container container, MediaInfo info, TakenAt takenAt, Path workDir) {
        double duration = info.duration();
        double rate = Math.min(4, MAX_FRAMES / Math.max(duration, 1e-3));
        FrameSize size = frameSize(info.uprightWidth(), info.uprightHeight());
        int frameBytes = size.width() * size.height() * 3;
        Path audio = workDir.resolve("audio.pcm");
        MediaLocation location = MediaLocation.of(file);

        List<String> args = new ArrayList<>(List.of("-v", "error"));
        if (duration > 120) {
            args.addAll(List.of("-skip_frame", "nokey"));
        }
        args.addAll(List.of("-protocol_whitelist", location.protocolWhitelist(), "-f", container.demuxer(),
                "-i", location.ffmpegUrl(),
                "-map", "0:v:0", "-vf", String.format(java.util.Locale.ROOT, "fps=%.4f,scale=%d:%d,setsar=1", rate, size.width(), size.height()),
                // A container may lie about its length: the outputs are capped at what the declared length
                // asks for, so memory (frames) and disk (audio) stay bounded whatever the streams hold.
                "-frames:v", String.valueOf(MAX_FRAMES + 8),
                "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"));
        if (info.hasAudio()) {
            args.addAll(List.of("-map", "0:a:0", "-ac", "1", "-ar", String.valueOf(AUDIO_RATE),
                    "-t", String.format(java.util.Locale.ROOT, "%.3f", duration + 1), "-f", "s16le", "file:" + audio));
        }
        byte[] raw;
        try {
            raw = ffmpeg.ffmpeg(args, timeLimit(duration)).stdout();
        } catch (FfmpegFailedException e) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, "the video cannot be decoded: " + e.stderrTail(), e);
        }
        int count = raw.length / frameBytes;
        if (count == 0) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, "no frame could be decoded");
        }
        List<RgbImage> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(new RgbImage(size.width(), size.height(), Arrays.copyOfRange(raw, i * frameBytes, (i + 1) * frameBytes)));
        }

        // Motion: mean absolute luma change between consecutive samples, per second.
        double[] motionPerSecond = new double[Math.max(1, (int) Math.ceil(duration))];
        int[] motionSamples = new int[motionPerSecond.length];
        double motionSum = 0;
        float[] previous = frames.get(0).grey();
        for (int i = 1; i < count; i++) {
            float[] grey = frames.get(i).grey();
            double diff = 0;
            for (int p = 0; p < grey.length; p++) {
                diff += Math.abs(grey[p] - previous[p]);
            }
            diff /= grey.length * 255.0;
            motionSum += diff;
            int second = Math.min(motionPerSecond.length - 1, (int) (i / rate));
            motionPerSecond[second] += diff;
            motionSamples[second]++;
            previous = grey;
        }
        double motion = count > 1 ? Math.min(1, motionSum / (count - 1) / FULL_MOTION) : 0;

        // Faces and picture quality on a few frames spread over the video; the best frame's faces count.
        FaceScores bestFaces = FaceScores.NONE;
        double sharpness = 0, exposure = 0, contrast = 0;
        int faceFrames = Math.min(FACE_FRAMES, count);
        for (int k = 0; k < faceFrames; k++) {
            RgbImage frame = frames.get((int) ((k + 0.5) * count / faceFrames));
            FaceScores found = FaceScores.of(faces.detect(frame));
            if (found.score() > bestFaces.score()) {
                bestFaces = found;
            }
            PictureQuality quality = PictureQuality.of(frame);
            sharpness += quality.sharpness() / faceFrames;
            exposure += quality.exposure() / faceFrames;
            contrast += quality.contrast() / faceFrames;
        }

        double[] loudnessPerSecond = info.hasAudio() ? loudnessPerSecond(audio, motionPerSecond.length) : new double[motionPerSecond.length];
        double loudness = Arrays.stream(loudnessPerSecond).average().orElse(0);

        // The best 1-second window: most motion and sound.
        int best = 0;
        double bestScore = -1;
        for (int s = 0; s < motionPerSecond.length; s++) {
            double m = motionSamples[s] == 0 ? 0 : Math.min(1, motionPerSecond[s] / motionSamples[s] / FULL_MOTION);
            double score = 0.6 * m + 0.4 * loudnessPerSecond[s];
            if (score > bestScore) {
                bestScore = score;
                best = s;
            }
        }
        double bestStart = Math.max(0, Math.min(best, duration - 1));

        byte[] poster = poster(location, container, Math.min(bestStart + 0.5, Math.max(0, duration - 0.1)));
        RgbImage posterImage = decodeJpeg(poster);
        MediaScores scores = MediaScores.video(bestFaces, sharpness, exposure, contrast, motion, loudness, bestStart);
        return new ScoredMedia(container, info.uprightWidth(), info.uprightHeight(), 1, info.rotation(),
                Duration.ofMillis(Math.round(duration * 1000)), info.fps(), info.codec(),
                info.isHdr() ? info.hdr().ffmpegName() : null, info.hasAudio(), takenAt, scores,
                Pictures.thumbnail(posterImage), poster).withPerceptualHash(PerceptualHash.of(posterImage));
    }

    /** The size frames are sampled at. */
    record FrameSize(int width, int height) {}

    /** The sampled frame size: upright, 256 px on the long edge, even sides. */
    static FrameSize frameSize(int width, int height) {
        double f = (double) FRAME_LONG_EDGE / Math.max(width, height);
        return new FrameSize(Math.max(2, (int) Math.round(width * f / 2) * 2), Math.max(2, (int) Math.round(height * f / 2) * 2));
    }

    private static Duration timeLimit(double duration) {
        return Duration.ofSeconds(60 + (long) duration);
    }

    /** Per second, RMS level mapped from −60 dBFS (0) to −10 dBFS (1). */
    private static double[] loudnessPerSecond(Path pcm, int seconds) {
        double[] loudness = new double[seconds];
        byte[] bytes;
        try {
            bytes = Files.exists(pcm) ? Files.readAllBytes(pcm) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int total = bytes.length / 2;
        for (int s = 0; s < seconds; s++) {
            int from = s * AUDIO_RATE;
            int to = Math.min(total, from + AUDIO_RATE);
            if (from >= to) {
                break;
            }
            double sumSq = 0;
            for (int i = from; i < to; i++) {
                double v = samples.getShort(i * 2) / 32768.0;
                sumSq += v * v;
            }
            double rms = Math.sqrt(sumSq / (to - from));
            double db = rms <= 0 ? -120 : 20 * Math.log10(rms);
            loudness[s] = Math.max(0, Math.min(1, (db + 60) / 50));
        }
        return loudness;
    }

    private byte[] poster(MediaLocation location, Container container, double at) {
        String scale = "scale='if(gte(iw,ih),min(" + POSTER_LONG_EDGE + ",iw),-2)':'if(gte(iw,ih),-2,min(" + POSTER_LONG_EDGE + ",ih))'";
        List<String> args = List.of("-v", "error", "-ss", String.format(java.util.Locale.ROOT, "%.3f", at),
                "-protocol_whitelist", location.protocolWhitelist(), "-f", container.demuxer(), "-i", location.ffmpegUrl(),
                "-map", "0:v:0", "-frames:v", "1", "-vf", scale + ",setsar=1", "-pix_fmt", "yuvj420p",
                "-c:v", "mjpeg", "-q:v", "3", "-f", "image2pipe", "pipe:1");
        try {
            byte[] jpeg = ffmpeg.ffmpeg(args, Duration.ofSeconds(60)).stdout();
            if (jpeg.length == 0) {
                throw new MediaRejectedException(RejectReason.TRUNCATED, "no poster frame at " + at + " s");
            }
            return jpeg;
        } catch (FfmpegFailedException e) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, "no poster frame: " + e.stderrTail(), e);
        }
    }

    private static RgbImage decodeJpeg(byte[] jpeg) {
        try {
            return RgbImage.of(ImageIO.read(new ByteArrayInputStream(jpeg)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
