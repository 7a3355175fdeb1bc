package ichibyo.core.scoring;

import java.util.Comparator;
import java.util.List;

/**
 * What the faces of a picture say about it.
 *
 * @param count        faces found (0 or more)
 * @param largestShare the largest face's box area over the picture's area, 0–1 (a passport
 *                     photo is about 0.3, a face in a group photo 0.005–0.02)
 * @param centrality   how close the largest face's centre is to the picture's centre, 0–1:
 *                     1 − distance / distance from centre to corner; 0 when there is no face
 * @param boxes        the faces, largest first
 */
public record FaceScores(int count, double largestShare, double centrality, List<FaceBox> boxes) {
    public static final FaceScores NONE = new FaceScores(0, 0, 0, List.of());

    public FaceScores {
        boxes = List.copyOf(boxes);
    }

    public static FaceScores of(List<FaceBox> faces) {
        if (faces.isEmpty()) {
            return NONE;
        }
        List<FaceBox> largestFirst = faces.stream()
                .sorted(Comparator.comparingDouble(FaceBox::area).reversed())
                .toList();
        FaceBox largest = largestFirst.get(0);
        double dx = largest.centerX() - 0.5;
        double dy = largest.centerY() - 0.5;
        double centrality = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / Math.sqrt(0.5));
        return new FaceScores(faces.size(), Math.min(1, largest.area()), centrality, largestFirst);
    }

    /**
     * One number for the faces, 0–1: 0 without faces; otherwise 0.4 for having faces, up to 0.3
     * more as the largest face grows to a tenth of the picture (square root, so small faces in
     * group photos still count), and up to 0.3 for centrality.
     */
    public double score() {
        if (count == 0) {
            return 0;
        }
        return 0.4 + 0.3 * Math.min(1, Math.sqrt(largestShare / 0.1)) + 0.3 * centrality;
    }
}
