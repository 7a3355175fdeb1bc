package ichibyo.core.render;

/**
 * A rectangle of a picture in fractions of its upright width and height: {@code (0, 0, 1, 1)} is
 * the whole picture, whatever its size and however it is stored.
 */
public record Region(double x, double y, double width, double height) {
    public static final Region WHOLE = new Region(0, 0, 1, 1);

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    public boolean isWithinPicture() {
        return x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1.0001 && y + height <= 1.0001;
    }
}
