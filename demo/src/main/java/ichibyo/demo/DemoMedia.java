package ichibyo.demo;

import ichibyo.core.media.FfmpegRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a family's phone would upload, made at demo time and kept small (at most 640×360, 1.5 s clips):
 * cuts of the real sample videos, FFmpeg test patterns, the real sample photos resized, each with the
 * capture time score-media reads (a video's MP4 {@code creation_time}, a photo's EXIF
 * {@code DateTimeOriginal} with its offset), and junk named .jpg for scoring to reject.
 */
sealed interface DemoMedia {
    double CLIP_SECONDS = 1.5;
    Duration FFMPEG_TIMEOUT = Duration.ofSeconds(60);

    /** The upload's content type. */
    String contentType();

    /** The file's extension in the upload, as {@code upload-url} names the key. */
    String extension();

    /** One sentence for the upload list. */
    String what();

    /** Makes the file in {@code dir} (named after {@code mediaId}) as taken at {@code takenAt} in {@code zone}. */
    Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone);

    /** A real photo, resized to 640 px wide at most and stamped with its capture time. */
    record Photo(Path file) implements DemoMedia {
        public String contentType() { return "image/jpeg"; }
        public String extension() { return "jpg"; }
        public String what() { return file.getFileName() + ", 640 px, EXIF DateTimeOriginal"; }

        public Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone) {
            Path resized = dir.resolve(mediaId + ".resized.jpg");
            ffmpeg.ffmpeg(List.of("-v", "error", "-i", "file:" + file, "-vf", "scale='min(640,iw)':-2", "-frames:v", "1",
                    "-q:v", "3", "-y", resized.toString()), FFMPEG_TIMEOUT);
            return stamped(resized, dir.resolve(mediaId + ".jpg"), takenAt, zone);
        }
    }

    /** A generated photo: one frame of an FFmpeg test source at 640×360, stamped with its capture time. */
    record PatternPhoto(String source) implements DemoMedia {
        public String contentType() { return "image/jpeg"; }
        public String extension() { return "jpg"; }
        public String what() { return "generated " + source + " photo, EXIF DateTimeOriginal"; }

        public Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone) {
            Path frame = dir.resolve(mediaId + ".frame.jpg");
            ffmpeg.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", source + "=size=640x360:rate=25", "-frames:v", "1", "-q:v", "3",
                    "-y", frame.toString()), FFMPEG_TIMEOUT);
            return stamped(frame, dir.resolve(mediaId + ".jpg"), takenAt, zone);
        }
    }

    /**
     * A moment of a real video ({@code start} seconds in, mirrored or not), with its own sound or, for a
     * silent one, a tone of {@code toneHz}.
     */
    record Cut(Path video, double start, boolean mirror, boolean hasSound, int toneHz) implements DemoMedia {
        public String contentType() { return "video/mp4"; }
        public String extension() { return "mp4"; }
        public String what() {
            return String.format(java.util.Locale.ROOT, "%s at %.1f s%s, MP4 creation_time", video.getFileName(), start, mirror ? ", mirrored" : "");
        }

        public Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone) {
            List<String> args = new ArrayList<>(List.of("-v", "error", "-ss", Double.toString(start), "-i", "file:" + video));
            if (!hasSound) {
                args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=48000"));
            }
            args.addAll(List.of("-map", "0:v:0", "-map", hasSound ? "0:a:0" : "1:a:0"));
            return encode(ffmpeg, args, "scale=-2:'min(360,ih)'" + (mirror ? ",hflip" : ""), dir.resolve(mediaId + ".mp4"), takenAt);
        }
    }

    /** An FFmpeg test source (lavfi, e.g. {@code mandelbrot}) with a tone: generated material, different for each source. */
    record Pattern(String source, boolean mirror, int toneHz) implements DemoMedia {
        public String contentType() { return "video/mp4"; }
        public String extension() { return "mp4"; }
        public String what() { return "generated " + source.replaceFirst("[=:].*", "") + (mirror ? " (mirrored)" : "") + ", MP4 creation_time"; }

        public Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone) {
            String sep = source.contains("=") ? ":" : "=";
            List<String> args = new ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i", source + sep + "size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=48000", "-map", "0:v:0", "-map", "1:a:0"));
            return encode(ffmpeg, args, mirror ? "hflip" : "null", dir.resolve(mediaId + ".mp4"), takenAt);
        }
    }

    /** Random bytes named .jpg: what a broken phone app sends; scoring rejects it as {@code NOT_MEDIA}. */
    record Junk(long seed) implements DemoMedia {
        public String contentType() { return "image/jpeg"; }
        public String extension() { return "jpg"; }
        public String what() { return "4 KB of random bytes named .jpg"; }

        public Path make(FfmpegRunner ffmpeg, Path dir, String mediaId, Instant takenAt, ZoneId zone) {
            byte[] bytes = new byte[4096];
            new Random(seed).nextBytes(bytes);
            Path out = dir.resolve(mediaId + ".jpg");
            try {
                return Files.write(out, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path stamped(Path jpeg, Path out, Instant takenAt, ZoneId zone) {
        try {
            Files.write(out, ExifStamp.stamp(Files.readAllBytes(jpeg), OffsetDateTime.ofInstant(takenAt, zone)));
            Files.delete(jpeg);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H.264 and AAC as a phone records them, index first, a keyframe every 15 frames, the capture time in the container. */
    private static Path encode(FfmpegRunner ffmpeg, List<String> inputs, String filter, Path out, Instant takenAt) {
        List<String> args = new ArrayList<>(inputs);
        args.addAll(List.of("-t", Double.toString(CLIP_SECONDS), "-vf", filter, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23",
                "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                "-metadata", "creation_time=" + takenAt, "-movflags", "+faststart", "-y", out.toString()));
        ffmpeg.ffmpeg(args, FFMPEG_TIMEOUT);
        return out;
    }
}
