package ichibyo.core.encode;

import java.util.List;

/**
 * What verify measured of one output against its master, and what failed ({@code failures} empty: passed).
 *
 * @param frames            the output's video frames; {@code expectedFrames} the master's
 * @param durationSeconds   the output's video duration; {@code expectedSeconds} the master's frames ÷ fps
 * @param audioSeconds      the output's audio duration (0 without audio)
 * @param keyframeAtEverySeam whether each chunk's first frame is a keyframe of the output
 * @param sampledFrames     frames whose quality was measured: every frame of the output
 * @param ssimMean          mean SSIM of those frames
 * @param ssimMedian        their median
 * @param ssimMin           the lowest frame
 * @param psnrMean          mean PSNR (dB) of the same frames, infinite ones counted as 100
 * @param seams             each seam's lowest SSIM over the frames around it
 */
public record OutputVerification(String profileId, int frames, int expectedFrames, double durationSeconds, double expectedSeconds,
                                 double audioSeconds, boolean keyframeAtEverySeam, int sampledFrames,
                                 double ssimMean, double ssimMedian, double ssimMin, double psnrMean,
                                 List<Seam> seams, List<String> failures) {

    public OutputVerification {
        seams = List.copyOf(seams);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** A seam: the first frame of a chunk after the first, and the lowest SSIM of the frames just before and after it. */
    public record Seam(int frame, double ssim, double psnr) {}
}
