package ichibyo.core.selection;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.NearDuplicates;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import ichibyo.core.scoring.PerceptualHash;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * select-materials: chooses a family's moments for one edition's movie, from the usable items of the
 * period as the catalog's byMonth index returns them. Pure and deterministic: the same items (in any
 * order) give the same selection.
 *
 * <ol>
 *   <li>Candidates: usable items of the edition's kinds taken in the period's months (the catalog's
 *       month: the camera's own offset, else UTC). Ranked by score, plus the edition's face bonus for
 *       items with faces; ties by media id.</li>
 *   <li>Slice-best: the period is cut into {@link Edition#slices()} equal stretches; the best
 *       candidate of each is taken first, so the movie spans the whole period rather than one busy
 *       afternoon.</li>
 *   <li>Fill by score: then the best of the rest, up to {@link Edition#maxMoments()}, within the
 *       edition's photo/video balance ({@link Edition#videoShare()}); when one kind runs out, the
 *       other fills the movie.</li>
 *   <li>Near-duplicates: a candidate whose picture looks like a chosen one (perceptual hash within
 *       the edition's distance) or that was taken within seconds of one is suppressed, and recorded
 *       with what it duplicates.</li>
 *   <li>The moments are put in the order they were taken.</li>
 * </ol>
 */
public final class MaterialSelector {
    private static final Comparator<Candidate> BY_RANK = Comparator.comparingDouble(Candidate::rank).reversed()
            .thenComparing(c -> c.item.mediaId());

    private MaterialSelector() {}

    public static Selection select(Family family, Edition edition, Period period, Collection<MediaItem> items) {
        Map<LeftOutReason, Integer> leftOut = new EnumMap<>(LeftOutReason.class);
        Set<YearMonth> months = new HashSet<>(period.months());
        Map<String, Candidate> byId = new LinkedHashMap<>();
        int slices = edition.slices();
        LocalDateTime from = period.start().atStartOfDay();
        long sliceSeconds = Duration.between(from, period.end().atStartOfDay()).toSeconds() / slices;
        for (MediaItem item : items) {
            LeftOutReason reason = null;
            MediaKind kind = kind(item);
            if (!family.familyId().equals(item.familyId())) {
                reason = LeftOutReason.OTHER_FAMILY;
            } else if (!item.isUsable() || kind == null || item.takenAt() == null) {
                reason = LeftOutReason.NOT_USABLE;
            } else if (!edition.uses(kind)) {
                reason = LeftOutReason.WRONG_KIND;
            } else if (!months.contains(item.month())) {
                reason = LeftOutReason.OUTSIDE_PERIOD;
            } else if (byId.containsKey(item.mediaId())) {
                reason = LeftOutReason.REPEATED;
            }
            if (reason != null) {
                leftOut.merge(reason, 1, Integer::sum);
                continue;
            }
            LocalDateTime local = localTakenAt(item);
            int slice = (int) Math.clamp(Duration.between(from, local).toSeconds() / Math.max(1, sliceSeconds), 0, slices - 1);
            boolean faces = item.faceCount() != null && item.faceCount() > 0;
            double score = item.score() == null ? 0 : item.score();
            byId.put(item.mediaId(), new Candidate(item, kind, slice, score, score + (faces ? edition.faceBonus() : 0)));
        }
        List<Candidate> ranked = new ArrayList<>(byId.values());
        ranked.sort(BY_RANK);

        Chooser chooser = new Chooser(edition, ranked.size());
        // 1. The best of each stretch of the period, in time order.
        for (int s = 0; s < slices && !chooser.full(); s++) {
            for (Candidate c : ranked) {
                if (c.slice == s && chooser.tryPick(c, PickRule.SLICE_BEST, true)) {
                    break;
                }
            }
        }
        // 2. The best of the rest, within the balance; 3. beyond it when one kind ran out.
        for (PickRule rule : List.of(PickRule.FILL_BY_SCORE, PickRule.FILL_BEYOND_BALANCE)) {
            for (Candidate c : ranked) {
                if (chooser.full()) {
                    break;
                }
                chooser.tryPick(c, rule, rule == PickRule.FILL_BY_SCORE);
            }
        }

        List<Pick> picks = chooser.picked.stream()
                .sorted(Comparator.comparing((Candidate c) -> c.item.takenAt()).thenComparing(c -> c.item.mediaId()))
                .map(c -> c.pick(edition, chooser.rules.get(c.item.mediaId()), slices, from, sliceSeconds))
                .toList();
        List<Slice> sliceList = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            final int index = s;
            LocalDateTime start = from.plusSeconds(s * sliceSeconds);
            LocalDateTime end = s == slices - 1 ? period.end().atStartOfDay() : from.plusSeconds((s + 1) * sliceSeconds);
            sliceList.add(new Slice(s, start, end, (int) ranked.stream().filter(c -> c.slice == index).count(),
                    (int) chooser.picked.stream().filter(c -> c.slice == index).count()));
        }
        return new Selection(Selection.CURRENT_VERSION, family.familyId(), edition.id(), period, ranked.size(),
                edition.minMoments(), picks, List.copyOf(chooser.suppressed), leftOut, sliceList);
    }

    /** The wall-clock time an item was taken at, as the catalog counts months: the camera's own offset, else UTC. */
    static LocalDateTime localTakenAt(MediaItem item) {
        ZoneOffset offset = item.takenAtOffset() == null ? ZoneOffset.UTC : ZoneOffset.of(item.takenAtOffset());
        return LocalDateTime.ofInstant(item.takenAt(), offset);
    }

    private static MediaKind kind(MediaItem item) {
        if ("PHOTO".equals(item.kind())) {
            return MediaKind.PHOTO;
        }
        return "VIDEO".equals(item.kind()) ? MediaKind.VIDEO : null;
    }

    private record Candidate(MediaItem item, MediaKind kind, int slice, double score, double rank) {
        Pick pick(Edition edition, PickRule rule, int slices, LocalDateTime from, long sliceSeconds) {
            int faces = item.faceCount() == null ? 0 : item.faceCount();
            Double start = null;
            if (kind == MediaKind.VIDEO) {
                double best = item.bestMomentStart() == null ? 0 : item.bestMomentStart();
                double duration = item.durationMillis() == null ? Double.MAX_VALUE : item.durationMillis() / 1000.0;
                start = Math.max(0, Math.min(best, duration - edition.momentSeconds()));
            }
            return new Pick(item.mediaId(), kind, item.takenAt(), score, rank, faces, slice, rule, start,
                    why(this, rule, faces, slices, from, sliceSeconds));
        }
    }

    private static String why(Candidate c, PickRule rule, int faces, int slices, LocalDateTime from, long sliceSeconds) {
        String score = String.format(Locale.ROOT, "score %.3f%s", c.score, faces > 0 ? " with " + faces + (faces == 1 ? " face" : " faces") : "");
        LocalDateTime start = from.plusSeconds(c.slice * sliceSeconds);
        String slice = String.format(Locale.ROOT, "slice %d of %d (from %s)", c.slice + 1, slices, start.toLocalDate());
        return switch (rule) {
            case SLICE_BEST -> "the best of " + slice + ", " + score;
            case FILL_BY_SCORE -> "among the best of the rest, " + score + ", in " + slice;
            case FILL_BEYOND_BALANCE -> "among the best of the rest once the other kind ran out, " + score + ", in " + slice;
        };
    }

    /** The moments chosen so far, the balance, and the near-duplicates found. */
    private static final class Chooser {
        private final Edition edition;
        private final NearDuplicates duplicates;
        private final Map<MediaKind, Integer> quota = new EnumMap<>(MediaKind.class);
        private final Map<MediaKind, Integer> taken = new EnumMap<>(MediaKind.class);
        private final List<Candidate> picked = new ArrayList<>();
        private final Set<String> done = new HashSet<>();
        private final List<Suppressed> suppressed = new ArrayList<>();
        private final Map<String, PickRule> rules = new LinkedHashMap<>();

        Chooser(Edition edition, int candidates) {
            this.edition = edition;
            this.duplicates = edition.nearDuplicates();
            int max = edition.maxMoments();
            if (edition.isMixed() && edition.videoShare() != null) {
                int videos = (int) Math.round(max * edition.videoShare());
                quota.put(MediaKind.VIDEO, videos);
                quota.put(MediaKind.PHOTO, max - videos);
            } else {
                edition.material().forEach(k -> quota.put(k, max));
            }
        }

        boolean full() {
            return picked.size() >= edition.maxMoments();
        }

        /** Picks {@code c} unless it is taken, suppressed, over its kind's quota (when {@code balanced}) or a near-duplicate. */
        boolean tryPick(Candidate c, PickRule rule, boolean balanced) {
            if (full() || done.contains(c.item.mediaId())) {
                return false;
            }
            if (balanced && taken.getOrDefault(c.kind, 0) >= quota.getOrDefault(c.kind, 0)) {
                return false;
            }
            Suppressed duplicate = duplicateOfPicked(c);
            done.add(c.item.mediaId());
            if (duplicate != null) {
                suppressed.add(duplicate);
                return false;
            }
            picked.add(c);
            taken.merge(c.kind, 1, Integer::sum);
            rules.put(c.item.mediaId(), rule);
            return true;
        }

        private Suppressed duplicateOfPicked(Candidate c) {
            for (Candidate p : picked) {
                double apart = Math.abs(Duration.between(p.item.takenAt(), c.item.takenAt()).toMillis()) / 1000.0;
                Integer distance = null;
                if (c.item.perceptualHash() != null && p.item.perceptualHash() != null) {
                    distance = PerceptualHash.distance(c.item.perceptualHash(), p.item.perceptualHash());
                }
                if (distance != null && duplicates.maxHashDistance() > 0 && distance <= duplicates.maxHashDistance()) {
                    return new Suppressed(c.item.mediaId(), p.item.mediaId(), DuplicateKind.SIMILAR_PICTURE, distance, apart);
                }
                if (duplicates.sameMomentSeconds() > 0 && apart <= duplicates.sameMomentSeconds()) {
                    return new Suppressed(c.item.mediaId(), p.item.mediaId(), DuplicateKind.SAME_MOMENT, distance, apart);
                }
            }
            return null;
        }
    }
}
