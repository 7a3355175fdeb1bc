package ichibyo.core.render.internal;

import ichibyo.core.media.MediaKind;
import ichibyo.core.render.Clip;
import ichibyo.core.render.FocusPoint;
import ichibyo.core.render.KenBurns;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.exceptions.InvalidClipDurationException;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import ichibyo.core.render.exceptions.TitleTooLongException;
import ichibyo.core.render.exceptions.TooManyClipsException;
/** The checks a plan passes before any input is probed or ffmpeg runs. */
public final class PlanRules {
    static final int MIN_RESOLUTION = 64;
    static final int MAX_RESOLUTION = 2160;

    private PlanRules() {}

    public static void check(RenderPlan plan) {
        if (plan.version() != RenderPlan.CURRENT_VERSION) {
            throw new InvalidRenderPlanException("render plan version " + plan.version() + " is not " + RenderPlan.CURRENT_VERSION);
        }
        Output output = plan.output();
        if (output == null || output.aspect() == null || output.edition() == null) {
            throw new InvalidRenderPlanException("the plan has no complete output (aspect, resolution, fps, edition)");
        }
        if (output.resolution() < MIN_RESOLUTION || output.resolution() > MAX_RESOLUTION) {
            throw new InvalidRenderPlanException("resolution " + output.resolution() + " is outside "
                    + MIN_RESOLUTION + "–" + MAX_RESOLUTION);
        }
        if (output.fps() < 1 || output.fps() > 60) {
            throw new InvalidRenderPlanException("fps " + output.fps() + " is outside 1–60");
        }
        if (plan.clips().isEmpty()) {
            throw new InvalidRenderPlanException("the plan has no clips");
        }
        if (plan.clips().size() > output.edition().maxClips()) {
            throw new TooManyClipsException(plan.clips().size(), output.edition());
        }
        if (plan.title() != null) {
            String title = cleanTitle(plan.title());
            int length = title.codePointCount(0, title.length());
            if (length > output.edition().maxTitleLength()) {
                throw new TitleTooLongException(length, output.edition().maxTitleLength());
            }
        }
        if (plan.music() != null && (plan.music().source() == null || plan.music().volume() < 0 || plan.music().volume() > 2)) {
            throw new InvalidRenderPlanException("music needs a source and a volume from 0 to 2");
        }
        for (int i = 0; i < plan.clips().size(); i++) {
            checkClip(i, plan.clips().get(i));
        }
    }

    private static void checkClip(int i, Clip clip) {
        if (clip == null || clip.kind() == null || clip.source() == null || clip.source().isBlank()) {
            throw new InvalidRenderPlanException("clip " + i + " has no kind or no source");
        }
        if (clip.kind() != MediaKind.PHOTO && clip.kind() != MediaKind.VIDEO) {
            throw new InvalidRenderPlanException("clip " + i + " is " + clip.kind() + ", not a photo or a video");
        }
        double duration = clip.durationOrDefault();
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw new InvalidClipDurationException(i, duration);
        }
        if (clip.start() != null && !(clip.start() >= 0)) {
            throw new InvalidRenderPlanException("clip " + i + " starts at " + clip.start() + " s");
        }
        if (clip.orientation() != null && (clip.orientation() < 1 || clip.orientation() > 8)) {
            throw new InvalidRenderPlanException("clip " + i + " has EXIF orientation " + clip.orientation() + ", not 1–8");
        }
        FocusPoint focus = clip.focus();
        if (focus != null && !(focus.x() >= 0 && focus.x() <= 1 && focus.y() >= 0 && focus.y() <= 1)) {
            throw new InvalidRenderPlanException("clip " + i + " has its focus point outside the picture");
        }
        if (clip.keep() != null && !clip.keep().isWithinPicture()) {
            throw new InvalidRenderPlanException("clip " + i + " keeps a region outside the picture");
        }
        KenBurns move = clip.kenBurns();
        if (move != null && (move.from() == null || move.to() == null || !move.from().isWithinPicture() || !move.to().isWithinPicture())) {
            throw new InvalidRenderPlanException("clip " + i + " has a Ken Burns rectangle outside the frame");
        }
    }

    /** The title as shown: one line, control characters (newlines, tabs) as spaces, trimmed. */
    public static String cleanTitle(String title) {
        return title.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
