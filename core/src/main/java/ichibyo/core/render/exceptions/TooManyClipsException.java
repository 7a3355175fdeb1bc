package ichibyo.core.render.exceptions;

import ichibyo.core.render.EditionStyle;

/** More clips than the plan's edition allows. */
public final class TooManyClipsException extends InvalidRenderPlanException {
    public TooManyClipsException(int clips, EditionStyle edition) {
        super(clips + " clips, but a " + edition.name().toLowerCase(java.util.Locale.ROOT) + " movie holds at most " + edition.maxClips());
    }
}
