package ichibyo.core.scoring;

/**
 * The scores of one photo or video. Every score is 0–1, higher is better; see docs/scoring.md.
 *
 * @param faces            faces (of the best video frame for videos)
 * @param sharpness        {@link PictureQuality#sharpness()} (videos: mean over the sampled frames)
 * @param exposure         {@link PictureQuality#exposure()}
 * @param contrast         {@link PictureQuality#contrast()}
 * @param motion           videos: mean absolute luma change between sampled frames, scaled so a
 *                         change of 0.08 (a walking crowd) or more is 1; null for photos
 * @param loudness         videos: mean loudness, −60 dBFS → 0 to −10 dBFS → 1; 0 without audio; null for photos
 * @param bestMomentStart  videos: start in seconds of the best 1-second window; null for photos
 * @param overall          the weighted sum of {@link #PHOTO_WEIGHTS} or {@link #VIDEO_WEIGHTS}
 */
public record MediaScores(FaceScores faces, double sharpness, double exposure, double contrast,
                          Double motion, Double loudness, Double bestMomentStart, double overall) {

    /** Weights of faces, sharpness, exposure, contrast for photos (sum 1). */
    public static final double[] PHOTO_WEIGHTS = {0.40, 0.30, 0.15, 0.15};
    /** Weights of faces, sharpness, exposure, contrast, motion, loudness for videos (sum 1). */
    public static final double[] VIDEO_WEIGHTS = {0.30, 0.15, 0.10, 0.10, 0.25, 0.10};

    public static MediaScores photo(FaceScores faces, PictureQuality quality) {
        double[] w = PHOTO_WEIGHTS;
        double overall = w[0] * faces.score() + w[1] * quality.sharpness() + w[2] * quality.exposure()
                + w[3] * quality.contrast();
        return new MediaScores(faces, quality.sharpness(), quality.exposure(), quality.contrast(),
                null, null, null, round(overall));
    }

    public static MediaScores video(FaceScores faces, double sharpness, double exposure, double contrast,
                                    double motion, double loudness, double bestMomentStart) {
        double[] w = VIDEO_WEIGHTS;
        double overall = w[0] * faces.score() + w[1] * sharpness + w[2] * exposure + w[3] * contrast
                + w[4] * motion + w[5] * loudness;
        return new MediaScores(faces, sharpness, exposure, contrast, motion, loudness, bestMomentStart, round(overall));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
