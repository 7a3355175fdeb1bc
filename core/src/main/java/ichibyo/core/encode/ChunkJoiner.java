package ichibyo.core.encode;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins a profile's encoded chunks into its output: the video by stream copy (ffmpeg's concat demuxer,
 * which lays each chunk's time stamps after the last), the audio encoded once from the whole master (so no
 * seam and no drift), trimmed or padded to the video's length, one MP4 with its index at the front.
 */
public final class ChunkJoiner {
    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public ChunkJoiner(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    /**
     * @param chunkDir holds the chunks as {@link Chunk#fileName()} names them, every one of {@code chunks}
     */
    public Path join(Path chunkDir, List<Chunk> chunks, MediaLocation master, MasterInfo info, Profile profile, Path out) {
        Path list = chunkDir.resolve("chunks.txt");
        StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
        for (Chunk chunk : chunks) {
            if (!Files.isRegularFile(chunkDir.resolve(chunk.fileName()))) {
                throw new IllegalStateException("chunk " + chunk.index() + " of profile " + profile.id() + " is missing: " + chunk.fileName());
            }
            // Plain relative names: the demuxer's safe mode accepts them, and they hold nothing to escape.
            text.append("file ").append(chunk.fileName()).append('\n');
        }
        try {
            Files.writeString(list, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runner.ffmpeg(command(list, master, info, profile, out), timeLimit);
        return out;
    }

    static List<String> command(Path list, MediaLocation master, MasterInfo info, Profile profile, Path out) {
        List<String> args = new ArrayList<>(List.of("-v", "error", "-protocol_whitelist", "file", "-f", "concat",
                "-i", "file:" + list.toAbsolutePath()));
        boolean audio = profile.audio() != null && info.hasAudio();
        if (audio) {
            args.addAll(List.of("-protocol_whitelist", master.protocolWhitelist(), "-i", master.ffmpegUrl()));
        }
        args.addAll(List.of("-map", "0:v:0", "-c:v", "copy"));
        if (audio) {
            AudioSettings a = profile.audio();
            String seconds = ChunkEncoder.seconds(info.framesDuration());
            args.addAll(List.of("-map", "1:a:0", "-c:a", a.codec(), "-b:a", a.bitrateKbps() + "k", "-ac", Integer.toString(a.channels()),
                    "-ar", Integer.toString(a.sampleRate()),
                    // Exactly as long as the picture: a master whose sound runs short is padded with silence, a longer one cut.
                    "-af", "atrim=end=" + seconds + ",apad=whole_dur=" + seconds));
        }
        args.addAll(List.of("-movflags", "+faststart", "-f", "mp4", "-y", "file:" + out.toAbsolutePath()));
        return args;
    }
}
