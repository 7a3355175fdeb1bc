package ichibyo.core.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a master into chunks: each boundary at a scene cut where one falls in the allowed window (a cut
 * starts a new picture anyway, so the chunk's first keyframe costs nothing there), else at the target
 * length; every chunk within the limits (only a master shorter than the minimum is one shorter chunk).
 * The chunks are contiguous frame ranges from 0 to the last frame: every frame exactly once.
 */
public final class ChunkPlanner {
    private ChunkPlanner() {}

    /**
     * @param frames    the master's frame count
     * @param fps       its frame rate
     * @param sceneCuts frames that start a new scene (any order; out-of-range ones are ignored)
     */
    public static List<Chunk> plan(int frames, double fps, List<Integer> sceneCuts, ChunkLimits limits) {
        if (frames <= 0 || !(fps > 0)) {
            throw new IllegalArgumentException("a master has frames and a frame rate: " + frames + " at " + fps);
        }
        int min = Math.max(1, (int) Math.ceil(limits.minSeconds() * fps));
        int max = Math.max(2 * min, (int) Math.floor(limits.maxSeconds() * fps));
        int target = Math.min(max, Math.max(min, (int) Math.round(limits.targetSeconds() * fps)));
        TreeSet<Integer> cuts = new TreeSet<>();
        for (Integer cut : sceneCuts) {
            if (cut != null && cut > 0 && cut < frames) {
                cuts.add(cut);
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        while (start < frames) {
            int end = nextEnd(start, frames, min, target, max, cuts);
            chunks.add(new Chunk(chunks.size(), start, end));
            start = end;
        }
        return chunks;
    }

    private static int nextEnd(int start, int frames, int min, int target, int max, TreeSet<Integer> cuts) {
        int remaining = frames - start;
        if (remaining <= max && (remaining <= target || remaining < 2 * min)) {
            return frames;
        }
        // A boundary leaves at least min frames on both sides, so the last chunk is never too short.
        int low = start + min;
        int high = Math.min(start + max, frames - min);
        Integer best = null;
        for (Integer cut : cuts.subSet(low, true, high, true)) {
            if (best == null || Math.abs(cut - (start + target)) < Math.abs(best - (start + target))) {
                best = cut;
            }
        }
        if (best != null) {
            return best;
        }
        if (remaining <= max) {
            return frames;
        }
        return Math.min(start + target, high);
    }
}
