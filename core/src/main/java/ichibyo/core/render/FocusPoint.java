package ichibyo.core.render;

/** The point a crop centres on (for example the centre of the faces), in fractions of the upright picture. */
public record FocusPoint(double x, double y) {
    public static final FocusPoint CENTRE = new FocusPoint(0.5, 0.5);
}
