package ichibyo.core.render;

/**
 * A photo's slow move: from one rectangle to another over the clip, each in fractions of the framed
 * picture (the picture after its crop to the movie's aspect, so {@code (0, 0, 1, 1)} is the whole
 * frame). Only a rectangle's centre and width count: its height follows from the movie's aspect.
 */
public record KenBurns(Region from, Region to) {
    /** The whole frame, still. */
    public static final KenBurns STILL = new KenBurns(Region.WHOLE, Region.WHOLE);

    /** A gentle zoom into {@code focus}: from the whole frame to {@code 1/zoom} of it. */
    public static KenBurns zoomInto(FocusPoint focus, double zoom) {
        double w = 1 / zoom;
        double x = Math.clamp(focus.x() - w / 2, 0, 1 - w);
        double y = Math.clamp(focus.y() - w / 2, 0, 1 - w);
        return new KenBurns(Region.WHOLE, new Region(x, y, w, w));
    }
}
