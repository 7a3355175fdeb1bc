package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {

    @Test
    void plan_cutsAtSceneChanges_whenTheyFallInTheWindow() {
        // 30 fps, 40 s; chunks 4–20 s about 10 s; cuts at 9 s and 21.5 s and one too early (1 s).
        List<Chunk> chunks = ChunkPlanner.plan(1200, 30, List.of(270, 645, 30), ChunkLimits.DEFAULT);
        assertThat(chunks).extracting(Chunk::startFrame).containsExactly(0, 270, 645);
        assertThat(chunks.getLast().endFrame()).isEqualTo(1200);
    }

    @Test
    void plan_withoutSceneCuts_cutsAtTheTargetLength_andNeverLeavesAShortTail() {
        List<Chunk> chunks = ChunkPlanner.plan(30 * 32, 30, List.of(), ChunkLimits.DEFAULT);
        assertThat(chunks).extracting(Chunk::frames).containsExactly(300, 300, 360);
    }

    @Test
    void plan_ofAMasterShorterThanTheMinimum_isOneChunk() {
        assertThat(ChunkPlanner.plan(50, 25, List.of(10, 20), ChunkLimits.DEFAULT)).containsExactly(new Chunk(0, 0, 50));
    }

    @Test
    void fittedTo_aLongMaster_stretchesTheChunksSoItsTasksFillTheSlotsAboutOneAndAHalfWavesDeep() {
        // 30 minutes, 5 profiles, 100 slots: 10 s chunks would be 900 tasks (9 waves); fitted, 60 s chunks, 150 tasks.
        ChunkLimits fitted = ChunkLimits.DEFAULT.fittedTo(1800, 5, 100);
        assertThat(fitted).isEqualTo(new ChunkLimits(24, 60, 120));
        List<Chunk> chunks = ChunkPlanner.plan(1800 * 30, 30, List.of(), fitted);
        assertThat(chunks).hasSizeBetween(29, 30).allSatisfy(c -> assertThat(c.frames()).isBetween(24 * 30, 120 * 30));
        assertThat(chunks.getLast().endFrame()).isEqualTo(1800 * 30);
        // Longer still, the stretch stops at 6×: a chunk redone after a Spot interruption stays about a minute.
        assertThat(ChunkLimits.DEFAULT.fittedTo(3 * 3600, 9, 100)).isEqualTo(new ChunkLimits(24, 60, 120));
    }

    @Test
    void fittedTo_aMasterThatFillsTheSlotsAlready_keepsTheLimits() {
        assertThat(ChunkLimits.DEFAULT.fittedTo(40, 2, 100)).isSameAs(ChunkLimits.DEFAULT);
        assertThat(ChunkLimits.DEFAULT.fittedTo(300, 5, 100)).isSameAs(ChunkLimits.DEFAULT); // 150 tasks of 10 s: 1.5 waves already
        // Between the two: 20 minutes, 5 profiles → 4×.
        assertThat(ChunkLimits.DEFAULT.fittedTo(1200, 5, 100).targetSeconds()).isCloseTo(40, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The property: for any master, cuts and limits, the chunks hold every frame exactly once, each within the limits. */
    @Test
    void plan_coversEveryFrameExactlyOnce_withEveryChunkWithinTheLimits_forRandomMasters() {
        Random random = new Random(20261202);
        for (int run = 0; run < 3000; run++) {
            double fps = new double[] {23.976, 24, 25, 29.97, 30, 50, 60}[random.nextInt(7)];
            int frames = 1 + random.nextInt(random.nextBoolean() ? 600 : 200_000);
            double min = 0.5 + random.nextDouble() * 5;
            double max = 2 * min + random.nextDouble() * 30;
            double target = min + random.nextDouble() * (max - min);
            ChunkLimits limits = new ChunkLimits(min, target, max);
            List<Integer> cuts = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                cuts.add(random.nextInt(frames + 20) - 10);
            }
            List<Chunk> chunks = ChunkPlanner.plan(frames, fps, cuts, limits);

            // Contiguous from frame 0 to the last: every frame in exactly one chunk.
            int next = 0;
            for (Chunk c : chunks) {
                if (c.startFrame() != next) {
                    throw new AssertionError("run " + run + ": chunk " + c + " does not start at frame " + next + " (" + frames + " frames, cuts "
                            + cuts + ", " + limits + ")");
                }
                next = c.endFrame();
            }
            assertThat(next).as("run %d: the last chunk ends at the last frame", run).isEqualTo(frames);
            int minFrames = (int) Math.ceil(min * fps);
            int maxFrames = Math.max(2 * minFrames, (int) Math.floor(max * fps));
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                assertThat(c.index()).isEqualTo(i);
                assertThat(c.frames()).as("run %d chunk %s", run, c).isLessThanOrEqualTo(maxFrames);
                if (chunks.size() > 1) {
                    assertThat(c.frames()).as("run %d chunk %s", run, c).isGreaterThanOrEqualTo(minFrames);
                }
            }
            // A boundary that is no scene cut had none in its window.
            for (int i = 1; i < chunks.size(); i++) {
                int boundary = chunks.get(i).startFrame();
                int start = chunks.get(i - 1).startFrame();
                if (!cuts.contains(boundary)) {
                    int low = start + minFrames;
                    int high = Math.min(start + maxFrames, frames - minFrames);
                    assertThat(cuts).as("run %d: boundary %d ignores a cut in [%d, %d]", run, boundary, low, high)
                            .noneMatch(cut -> cut >= low && cut <= high);
                }
            }
        }
    }
}
