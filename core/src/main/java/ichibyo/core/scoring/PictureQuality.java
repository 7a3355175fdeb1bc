package ichibyo.core.scoring;

/**
 * Sharpness, exposure and contrast of a small grey picture (photos are measured at 512 px on the
 * long edge, video frames at 256 px, so the numbers compare within a kind).
 *
 * @param laplacianVariance variance of the 4-neighbour Laplacian of the luma (0–255 scale), ≥ 0:
 *                          in-focus photos are typically 200–3000, blurred ones under 50
 * @param meanLuma          mean luma, 0–1
 * @param clipped           share of pixels that are almost black (&lt; 5) or almost white (&gt; 250), 0–1
 * @param lumaDeviation     standard deviation of the luma, 0–1 (RMS contrast)
 */
public record PictureQuality(double laplacianVariance, double meanLuma, double clipped, double lumaDeviation) {

    /** Sharpness 0–1: v / (v + 300), so 300 (a fair photo) is 0.5 and blur stays near 0. */
    public double sharpness() {
        return laplacianVariance / (laplacianVariance + 300);
    }

    /** Exposure 0–1: 1 at mid-grey mean luma, falling linearly to 0 at black or white, times the unclipped share. */
    public double exposure() {
        return Math.max(0, 1 - 2 * Math.abs(meanLuma - 0.5)) * (1 - clipped);
    }

    /** Contrast 0–1: luma standard deviation over 0.25 (a well-spread histogram), capped at 1. */
    public double contrast() {
        return Math.min(1, lumaDeviation / 0.25);
    }

    public static PictureQuality of(RgbImage image) {
        return of(image.grey(), image.width(), image.height());
    }

    public static PictureQuality of(float[] grey, int width, int height) {
        double sum = 0, sumSq = 0;
        long clipped = 0;
        for (float v : grey) {
            sum += v;
            sumSq += v * v;
            if (v < 5 || v > 250) {
                clipped++;
            }
        }
        int n = grey.length;
        double mean = sum / n;
        double deviation = Math.sqrt(Math.max(0, sumSq / n - mean * mean));

        double lapSum = 0, lapSumSq = 0;
        int count = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
                lapSum += lap;
                lapSumSq += lap * lap;
                count++;
            }
        }
        double lapVariance = count == 0 ? 0 : Math.max(0, lapSumSq / count - (lapSum / count) * (lapSum / count));
        return new PictureQuality(lapVariance, mean / 255, (double) clipped / n, deviation / 255);
    }
}
