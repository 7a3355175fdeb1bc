package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * For every chunk of every target-quality profile, the CRF that reaches the profile's SSIM with the fewest bits
 * ({@link CrfSearch} over {@link QualityProbe} encodes), so easy scenes spend fewer bits and hard ones keep their
 * quality. Profiles with a fixed rate are left alone. The probes per job are bounded ({@link #MAX_PROBE_ENCODES}):
 * a plan that would need more is refused before any is made.
 */
public final class TargetQualityPlanner {
    /**
     * What a probe must measure above the target: a probe sees {@value QualityProbe#SAMPLE_SECONDS} s of a chunk, the
     * chunk's other frames may be a little harder, and one CRF step is worth about 0.002 SSIM around 0.97.
     */
    public static final double SAFETY_MARGIN = 0.002;
    /** Probe encodes one plan may make (chunks × target-quality profiles × probes per chunk). */
    public static final int MAX_PROBE_ENCODES = 480;

    private final QualityProbe probe;
    private final int parallelism;

    /** Searching as many chunks at once as there are processors. */
    public TargetQualityPlanner(FfmpegRunner runner, Duration timeLimit) {
        this(runner, timeLimit, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parallelism chunks searched at once: a chunk's probes depend on each other, chunks do not, and a probe's
     *                    SSIM pass runs on one core
     */
    public TargetQualityPlanner(FfmpegRunner runner, Duration timeLimit, int parallelism) {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        this.probe = new QualityProbe(runner, timeLimit);
        this.parallelism = parallelism;
    }

    /** Probe encodes the plan would make at most. */
    public static long probeEncodes(List<Chunk> chunks, List<Profile> profiles) {
        return (long) chunks.size() * profiles.stream().filter(p -> p.rateControl().isTargetQuality())
                .mapToInt(p -> p.rateControl().probesPerChunk()).sum();
    }

    /**
     * @param work a folder for the samples and probes (deleted piece by piece; its path of letters, digits and {@code /._-})
     * @return one rate per chunk of each target-quality profile, in profile then chunk order (empty when there is none)
     */
    public List<ChunkRate> plan(MediaLocation master, MasterInfo info, List<Chunk> chunks, List<Profile> profiles, Path work) {
        List<Profile> targets = profiles.stream().filter(p -> p.rateControl().isTargetQuality()).toList();
        if (targets.isEmpty()) {
            return List.of();
        }
        long encodes = probeEncodes(chunks, targets);
        if (encodes > MAX_PROBE_ENCODES) {
            throw new InvalidEncodeRequestException(chunks.size() + " chunks × " + targets.size() + " target-quality profiles need up to " + encodes
                    + " probe encodes, over " + MAX_PROBE_ENCODES + ": use longer chunks or fewer probes");
        }
        List<ChunkRate> rates = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, chunks.size())))) {
            List<Future<List<ChunkRate>>> found = new ArrayList<>();
            for (Chunk chunk : chunks) found.add(pool.submit(() -> searchChunk(master, info, chunk, targets, work)));
            for (Future<List<ChunkRate>> f : found) {
                try {
                    rates.addAll(f.get());
                } catch (ExecutionException e) {
                    found.forEach(other -> other.cancel(true)); // one chunk's failure fails the plan: stop the rest
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    found.forEach(other -> other.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while searching the chunks' CRFs", e);
                }
            }
        }
        // Profile then chunk order, as the plan lists work.
        List<ChunkRate> ordered = new ArrayList<>(rates.size());
        for (Profile profile : targets) {
            rates.stream().filter(r -> r.profileId().equals(profile.id())).forEach(ordered::add);
        }
        return ordered;
    }

    /** One chunk's rate for each target-quality profile, in profile order. */
    private List<ChunkRate> searchChunk(MediaLocation master, MasterInfo info, Chunk chunk, List<Profile> targets, Path work) {
        // One reference sample per output size: profiles of the same size share it.
        Path dir = WorkDirs.create(work, "probe");
        try {
            List<ChunkRate> rates = new ArrayList<>();
            Map<OutputSize, QualityProbe.Sample> samples = new LinkedHashMap<>();
            for (Profile profile : targets) {
                QualityProbe.Sample sample = samples.computeIfAbsent(OutputSize.of(info, profile), size -> probe.sample(master, info, chunk, size, dir));
                rates.add(search(sample, profile, chunk, dir));
            }
            return rates;
        } finally {
            WorkDirs.delete(dir);
        }
    }

    ChunkRate search(QualityProbe.Sample sample, Profile profile, Chunk chunk, Path dir) {
        RateControl rc = profile.rateControl();
        CrfSearch.Choice choice = CrfSearch.search(rc.targetSsim() + SAFETY_MARGIN, rc.crfMin(), rc.crfMax(), rc.probesPerChunk(),
                crf -> probe.measure(sample, profile, crf, dir));
        return new ChunkRate(profile.id(), chunk.index(), choice.crf(), rc.targetSsim(), choice.reached(), choice.probes());
    }
}
