package ichibyo.core.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.media.exceptions.FfmpegFailedException;
import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * Finds out what a photo or video is: ffprobe for the streams, metadata-extractor for the EXIF
 * orientation and capture time of photos, the file's magic for HEIC (decoded by {@link HeicDecoder}).
 */
public final class MediaProbe {
    /** Larger pictures are refused: a 100-megapixel frame is already 150 MB of YUV. */
    public static final long MAX_PIXELS = 100_000_000L;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    private static final Set<String> PHOTO_CODECS = Set.of("mjpeg", "png", "webp", "bmp", "tiff", "jpeg2000", "gif");

    private final FfmpegRunner runner;
    private final HeicDecoder heicDecoder;

    /** @param heicDecoder null without heif-convert: HEIC photos are then refused */
    public MediaProbe(FfmpegRunner runner, HeicDecoder heicDecoder) {
        this.runner = runner;
        this.heicDecoder = heicDecoder;
    }

    /** A probe with the located ffmpeg binaries and the FFmpeg layer's heif-convert, if it has one. */
    public static MediaProbe local() {
        return new MediaProbe(FfmpegRunner.local(), HeicDecoder.locate());
    }

    public FfmpegRunner runner() {
        return runner;
    }

    /** The HEIC decoder, if heif-convert is available. */
    public java.util.Optional<HeicDecoder> heicDecoder() {
        return java.util.Optional.ofNullable(heicDecoder);
    }

    public MediaInfo probe(Path file) {
        return probe(MediaLocation.of(file));
    }

    /**
     * @throws MediaNotFoundException     the file does not exist
     * @throws UndecodableMediaException  ffprobe finds no picture in it
     * @throws UnsupportedMediaException  HEIC without heif-convert, or a picture over {@link #MAX_PIXELS}
     */
    public MediaInfo probe(MediaLocation location) {
        if (!location.isRemote()) {
            Path file = location.path();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new MediaNotFoundException(location.toString());
            }
            if (HeicDecoder.isHeic(file)) {
                return probeHeic(file);
            }
        }
        MediaInfo info = ffprobe(location);
        if (info.isPhoto() && !location.isRemote()) {
            Metadata exif = readMetadata(location.path());
            info = new MediaInfo(info.kind(), info.format(), info.codec(), info.width(), info.height(),
                    exifOrientation(exif), 0, 0, 0, false, HdrTransfer.SDR, exifTakenAt(exif), 1);
        }
        if ((long) info.width() * info.height() > MAX_PIXELS) {
            throw new UnsupportedMediaException(location + " is " + info.width() + "×" + info.height()
                    + ", over the limit of " + MAX_PIXELS + " pixels");
        }
        return info;
    }

    private MediaInfo probeHeic(Path file) {
        if (heicDecoder == null) {
            throw new UnsupportedMediaException(file + " is HEIC, and there is " + HeicDecoder.NOT_FOUND);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ichibyo-heic-");
            MediaInfo decoded = ffprobe(MediaLocation.of(heicDecoder.decodeToJpeg(file, dir)));
            return new MediaInfo(MediaKind.PHOTO, "heic", "hevc", decoded.width(), decoded.height(), Orientation.NORMAL,
                    0, 0, 0, false, HdrTransfer.SDR, exifTakenAt(readMetadata(file)), 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            WorkDirs.delete(dir);
        }
    }

    private MediaInfo ffprobe(MediaLocation location) {
        JsonNode root;
        try {
            ProcessResult result = runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", location.protocolWhitelist(),
                    "-show_format", "-show_streams", "-of", "json", location.ffmpegUrl()), TIME_LIMIT);
            root = Json.mapper().readTree(result.stdout());
        } catch (FfmpegFailedException e) {
            throw new UndecodableMediaException("ffprobe cannot read " + location + ": " + e.stderrTail(), e);
        } catch (IOException e) {
            throw new UndecodableMediaException("ffprobe wrote no JSON for " + location, e);
        }
        JsonNode video = null;
        boolean hasAudio = false;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            if ("video".equals(type) && video == null && stream.path("disposition").path("attached_pic").asInt() == 0) {
                video = stream;
            } else if ("audio".equals(type)) {
                hasAudio = true;
            }
        }
        JsonNode format = root.path("format");
        if (video == null && hasAudio) {
            double duration = number(format.path("duration").asText("0"));
            return new MediaInfo(MediaKind.AUDIO, format.path("format_name").asText("unknown"), audioCodec(root), 0, 0,
                    Orientation.NORMAL, 0, duration, 0, true, HdrTransfer.SDR, instant(format.path("tags").path("creation_time").asText(null)), 1);
        }
        if (video == null || video.path("width").asInt() <= 0 || video.path("height").asInt() <= 0) {
            throw new UndecodableMediaException(location + " has no picture");
        }
        String formatName = format.path("format_name").asText("unknown");
        String codec = video.path("codec_name").asText("unknown");
        boolean photo = PHOTO_CODECS.contains(codec) && (formatName.equals("image2") || formatName.endsWith("_pipe"));
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        if (photo) {
            return new MediaInfo(MediaKind.PHOTO, formatName, codec, width, height, Orientation.NORMAL, 0, 0, 0, false,
                    HdrTransfer.SDR, null, 1);
        }
        double duration = number(format.path("duration").asText(video.path("duration").asText("0")));
        if (duration <= 0) {
            throw new UndecodableMediaException(location + " has a video stream with no duration");
        }
        double fps = rate(video.path("avg_frame_rate").asText());
        if (fps <= 0) {
            fps = rate(video.path("r_frame_rate").asText());
        }
        return new MediaInfo(MediaKind.VIDEO, formatName, codec, width, height, Orientation.NORMAL, rotation(video),
                duration, fps, hasAudio, HdrTransfer.fromColorTransfer(video.path("color_transfer").asText(null)),
                instant(format.path("tags").path("creation_time").asText(null)), ratio(video.path("sample_aspect_ratio").asText("1:1")));
    }

    private static String audioCodec(JsonNode root) {
        for (JsonNode stream : root.path("streams")) {
            if ("audio".equals(stream.path("codec_type").asText())) {
                return stream.path("codec_name").asText("unknown");
            }
        }
        return "unknown";
    }

    /** Display rotation in clockwise degrees (0/90/180/270), from the display matrix or the old rotate tag. */
    private static int rotation(JsonNode video) {
        double degrees = 0;
        String tag = video.path("tags").path("rotate").asText(null);
        if (tag != null) {
            degrees = number(tag);
        } else {
            for (JsonNode side : video.path("side_data_list")) {
                if (side.has("rotation")) {
                    // The display matrix turns counter-clockwise; the rotate tag clockwise.
                    degrees = -side.path("rotation").asDouble();
                }
            }
        }
        long rounded = Math.round(degrees / 90.0) * 90;
        return Math.floorMod(rounded, 360);
    }

    private static Metadata readMetadata(Path file) {
        try {
            return ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception e) {
            // No readable metadata is common (screenshots, stripped files): upright, time unknown.
            return new Metadata();
        }
    }

    private static Orientation exifOrientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return value == null ? Orientation.NORMAL : Orientation.fromExif(value);
        }
        return Orientation.NORMAL;
    }

    private static Instant exifTakenAt(Metadata metadata) {
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        // EXIF times carry no zone; UTC is as good a guess as any and stable.
        Date date = sub == null ? null : sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
        return date == null ? null : date.toInstant();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "4:3" → 1.333…; "0:1", "N/A" and garbage → 1. */
    private static double ratio(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return 1;
        }
        double num = number(text.substring(0, colon));
        double den = number(text.substring(colon + 1));
        return num > 0 && den > 0 ? num / den : 1;
    }

    private static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        if (slash < 0) {
            return number(fraction);
        }
        double den = number(fraction.substring(slash + 1));
        return den == 0 ? 0 : number(fraction.substring(0, slash)) / den;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
