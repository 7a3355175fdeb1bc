package ichibyo.core.render.internal;

import ichibyo.core.render.FocusPoint;
import ichibyo.core.render.Region;

/**
 * Which part of an upright picture fills the frame: a crop to the movie's aspect around the focus
 * point that keeps the {@code keep} region whole, or — when no crop can keep it — the whole picture
 * shown over a blurred fill of itself ({@code fill}).
 *
 * @param fill   the whole picture is shown, padded with a blurred copy; the region is then the whole picture
 * @param region the crop, in fractions of the upright picture
 */
public record Framing(boolean fill, Region region) {
    public static Framing of(int uprightWidth, int uprightHeight, double aspect, FocusPoint focus, Region keep) {
        double pictureAspect = (double) uprightWidth / uprightHeight;
        if (Math.abs(pictureAspect - aspect) < 0.005) {
            return new Framing(false, Region.WHOLE);
        }
        if (pictureAspect > aspect) {
            // Wider than the frame: crop the sides.
            double w = aspect / pictureAspect;
            double x = place(focus.x(), w, keep == null ? null : new Span(keep.x(), keep.x() + keep.width()));
            return Double.isNaN(x) ? new Framing(true, Region.WHOLE) : new Framing(false, new Region(x, 0, w, 1));
        }
        double h = pictureAspect / aspect;
        double y = place(focus.y(), h, keep == null ? null : new Span(keep.y(), keep.y() + keep.height()));
        return Double.isNaN(y) ? new Framing(true, Region.WHOLE) : new Framing(false, new Region(0, y, 1, h));
    }

    /**
     * The start of a window of {@code size} (fractions of one axis) centred on {@code centre} as far as
     * the picture and the kept span allow; NaN when the kept span is larger than the window.
     */
    private static double place(double centre, double size, Span kept) {
        double start = Math.clamp(centre - size / 2, 0, 1 - size);
        if (kept == null) {
            return start;
        }
        if (kept.to() - kept.from() > size + 1e-9) {
            return Double.NaN;
        }
        // Slide just enough to take the kept span in.
        if (kept.from() < start) {
            start = kept.from();
        } else if (kept.to() > start + size) {
            start = kept.to() - size;
        }
        return Math.clamp(start, 0, 1 - size);
    }

    /** A span of one axis, in fractions of the picture. */
    private record Span(double from, double to) {}
}
