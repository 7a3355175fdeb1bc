package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one chunk of a master for one profile, video only: exactly the chunk's frames (input seeking to
 * half a frame before its first, so the decoder drops everything before it, then {@code -frames:v}), as
 * closed GOPs that start with an IDR frame, keyframes on the master's grid of {@link Profile#gopFrames}
 * (and at the chunk's start) and none at scene cuts inside it, with the same encoder settings for every chunk of the profile so
 * that the chunks join by stream copy.
 */
public final class ChunkEncoder {
    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public ChunkEncoder(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    public Path encode(MediaLocation master, MasterInfo info, Chunk chunk, Profile profile, Path out) {
        runner.ffmpeg(command(master, info, chunk, profile, out), timeLimit);
        return out;
    }

    /** The ffmpeg arguments (after {@code -hide_banner -nostdin}); only numbers and fixed words from the profile. */
    public static List<String> command(MediaLocation master, MasterInfo info, Chunk chunk, Profile profile, Path out) {
        if (profile.frameRate() > 0 && Math.abs(profile.frameRate() - info.fps()) > 0.01) {
            throw new InvalidProfileException("profile " + profile.id() + " asks for " + profile.frameRate()
                    + " fps and the master has " + info.fps() + ": frame-rate changes are not supported yet");
        }
        if (chunk.endFrame() > info.frames()) {
            throw new IllegalArgumentException("chunk " + chunk + " ends after the master's " + info.frames() + " frames");
        }
        List<String> args = new ArrayList<>(List.of("-v", "error", "-protocol_whitelist", master.protocolWhitelist()));
        if (chunk.startFrame() > 0) {
            args.addAll(seekTo(info.startSeconds(), info, chunk.startFrame()));
        }
        args.addAll(List.of("-i", master.ffmpegUrl(), "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", Integer.toString(chunk.frames())));
        OutputSize size = OutputSize.of(info, profile);
        // The frames renumbered from 0 on the master's grid and passed through one for one: the first frame after the seek
        // lies half a frame after the chunk's start, which the default constant-rate sync fills by repeating it (frame
        // n, n, n+1, …, with the chunk's last frame then cut by -frames:v).
        String filter = "setpts=N*" + info.fpsDen() + "/" + info.fpsNum() + "/TB,"
                + (size.sameAs(info) ? "" : "scale=" + size.width() + ":" + size.height() + ":flags=bicubic,") + "format=yuv420p";
        args.addAll(List.of("-vf", filter, "-vsync", "passthrough", "-c:v", profile.codec().encoder()));
        int gop = profile.gopFrames(info);
        if (profile.preset() != null) {
            args.addAll(List.of(profile.codec() == Codec.AV1 ? "-cpu-used" : "-preset", profile.codec() == Codec.AV1 ? "6" : profile.preset()));
        }
        RateControl rc = profile.rateControl();
        switch (rc.mode()) {
            case CRF -> args.addAll(crf(profile.codec(), rc.crf()));
            case CAPPED_CRF -> {
                args.addAll(crf(profile.codec(), rc.crf()));
                args.addAll(List.of("-maxrate", rc.maxrateKbps() + "k", "-bufsize", rc.bufsizeKbps() + "k"));
            }
            case BITRATE -> {
                args.addAll(List.of("-b:v", rc.bitrateKbps() + "k"));
                if (rc.maxrateKbps() != null && rc.bufsizeKbps() != null) {
                    args.addAll(List.of("-maxrate", rc.maxrateKbps() + "k", "-bufsize", rc.bufsizeKbps() + "k"));
                }
            }
            case TARGET_QUALITY -> throw new InvalidProfileException("profile " + profile.id() + " asks for a quality, not a rate: its chunks "
                    + "are encoded with the CRF the plan chose for each (EncodePlan.encodingProfile)");
        }
        args.addAll(List.of("-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop),
                // Keyframes on the master's GOP grid, not the chunk's: every output has one each gopSeconds wherever its chunks
                // start, so HLS segments of a multiple of the GOP cut at the same frames for every chunking and every rung.
                "-force_key_frames", "expr:eq(mod(n+" + chunk.startFrame() + "," + gop + "),0)"));
        switch (profile.codec()) {
            // Fixed GOPs from the chunk's first frame, closed, headers with every keyframe: any chunk may follow any other.
            // stitchable: headers that do not depend on the CRF (x264 otherwise puts it in the PPS as pic_init_qp, and a chunk
            // joined after one of another CRF, as target quality makes them, decodes with the first chunk's PPS: every QP off).
            case H264 -> args.addAll(List.of("-sc_threshold", "0", "-forced-idr", "1", "-x264-params", "open-gop=0:repeat-headers=1:stitchable=1"));
            case HEVC -> args.addAll(List.of("-tag:v", "hvc1", "-x265-params",
                    "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0:repeat-headers=1:log-level=error"));
            case VP9, AV1 -> { }
        }
        args.addAll(List.of("-f", "mp4", "-y", "file:" + out.toAbsolutePath()));
        return args;
    }

    private static List<String> crf(Codec codec, int crf) {
        return codec == Codec.VP9 || codec == Codec.AV1
                ? List.of("-crf", Integer.toString(crf), "-b:v", "0")
                : List.of("-crf", Integer.toString(crf));
    }

    /**
     * Input options that start reading a file at frame {@code n} of the master's grid: an absolute seek
     * ({@code -seek_timestamp}) to half a frame before the frame's time stamp, between frames n-1 and n, so that a
     * time stamp rounded either way still makes n the decoder's first kept frame. Absolute, because ffmpeg otherwise
     * counts {@code -ss} from the file's earliest stream, and a master whose video starts later than its sound (a
     * stream-copied concatenation starts it 0.021 s late) would be read from frame n-1.
     *
     * @param videoStart the file's first video time stamp (its video stream's start_time)
     */
    static List<String> seekTo(double videoStart, MasterInfo info, long n) {
        return List.of("-seek_timestamp", "1", "-ss", seconds(videoStart + info.frameTime(n) - info.frameTime(1) / 2));
    }

    static String seconds(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
