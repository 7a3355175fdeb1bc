package ichibyo.core.render;

import ichibyo.core.scoring.FaceBox;
import java.util.List;

/**
 * How a photo is framed around the faces scoring found: the region that holds every face (with a
 * margin) is kept whole in the frame, and the crop centres on it. Used by selection's plans and the demo.
 */
public final class FaceFraming {
    /** Faces are kept with this margin around them (fraction of the picture). */
    public static final double FACE_MARGIN = 0.04;

    private FaceFraming() {}

    /** The smallest region holding every face, with a margin, inside the picture. */
    public static Region around(List<FaceBox> faces) {
        double x0 = 1;
        double y0 = 1;
        double x1 = 0;
        double y1 = 0;
        for (FaceBox f : faces) {
            x0 = Math.min(x0, f.x());
            y0 = Math.min(y0, f.y());
            x1 = Math.max(x1, f.x() + f.width());
            y1 = Math.max(y1, f.y() + f.height());
        }
        x0 = Math.clamp(x0 - FACE_MARGIN, 0, 1);
        y0 = Math.clamp(y0 - FACE_MARGIN, 0, 1);
        x1 = Math.clamp(x1 + FACE_MARGIN, 0, 1);
        y1 = Math.clamp(y1 + FACE_MARGIN, 0, 1);
        return new Region(x0, y0, Math.max(0.01, x1 - x0), Math.max(0.01, y1 - y0));
    }

    /**
     * A photo's clip framed around its faces: focus on their centre and keep them whole; without
     * faces the clip is returned as it is (centred).
     */
    public static Clip framed(Clip clip, List<FaceBox> faces) {
        if (faces == null || faces.isEmpty()) {
            return clip;
        }
        Region region = around(faces);
        return clip.withFocus(new FocusPoint(region.centreX(), region.centreY()), region);
    }
}
