package ichibyo.core.scoring;

/**
 * One detected face: its box as fractions of the upright picture (0–1, origin top left), and the
 * detector's confidence (0–1). Kept in the catalog because the renderer crops around faces.
 */
public record FaceBox(double x, double y, double width, double height, double confidence) {
    public double area() {
        return width * height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }
}
