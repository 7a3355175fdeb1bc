package ichibyo.core.encode;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What encode-chunk stores beside each chunk, for tests that encode chunks themselves: each chunk in {@code dir} measured. */
final class ChunkQualities {
    private ChunkQualities() {}

    static List<ChunkQuality> of(FfmpegRunner ffmpeg, Duration limit, Path dir, List<Chunk> chunks, MediaLocation master, MasterInfo info,
            Profile profile) {
        OutputVerifier verifier = new OutputVerifier(ffmpeg, limit);
        Path work = WorkDirs.create("chunk-quality");
        try {
            List<ChunkQuality> qualities = new ArrayList<>();
            for (Chunk c : chunks) {
                qualities.add(verifier.measureChunk(MediaLocation.of(dir.resolve(c.fileName())), master, info, profile, c, work));
            }
            return qualities;
        } finally {
            WorkDirs.delete(work);
        }
    }
}
