package ichibyo.demo;

import ichibyo.core.edition.Period;
import ichibyo.samples.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's families and what each uploads, with capture dates in the periods the runs deliver: the
 * quarter that just ended (the quarterly edition uses videos only) and the month that just ended (the
 * monthly edition, premium families only, photos and videos).
 *
 * <ul>
 *   <li>田中家 (premium): ten videos spread over the quarter, eleven photos and videos in the month:
 *       a quarterly and a monthly movie;</li>
 *   <li>The Smiths (not premium): ten videos over the quarter, three photos in the month: a quarterly
 *       movie, skipped by the monthly run as {@code NOT_PREMIUM};</li>
 *   <li>佐藤家 (premium): three videos and two photos: skipped by both runs as {@code TOO_LITTLE_MATERIAL};</li>
 *   <li>The Garcias: three uploads of random bytes named .jpg (rejected by scoring, {@code NOT_MEDIA}) and
 *       ten videos that score, whose originals the demo then deletes from S3 ({@link Fate#ORIGINAL_LOST}):
 *       the catalog counts them, so the run selects them, the render cannot read them, and the run records
 *       the family as failed. (A family with only rejected media has no usable counters and is never a
 *       target, so it could not be "failed".)</li>
 * </ul>
 */
final class DemoFamilies {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final String TANAKA = "tanaka";
    static final String SMITH = "smith";
    static final String SATO = "sato";
    static final String GARCIA = "garcia";

    /** What happens to an upload after scoring. */
    enum Fate { KEPT, ORIGINAL_LOST }

    record Upload(String mediaId, DemoMedia media, Instant takenAt, Fate fate) {}

    /**
     * A family as {@code POST /families} takes it, the member who signs in to register it and upload
     * its media (a local test user; creating the family makes them its owner), what the demo expects of
     * each run, and its uploads.
     */
    record Family(String familyId, String displayName, String member, boolean premium, String expected, List<Upload> uploads) {
        ZoneId zone() {
            return TOKYO;
        }
    }

    private DemoFamilies() {}

    static List<Family> of(Period quarter, Period month) {
        Path street = SampleMedia.streetVideo();
        Path film = SampleMedia.filmWithAudio();
        // Distinct pictures: selection drops near-duplicates (perceptual hash), so each family's moments differ.
        List<DemoMedia> tanakaQuarter = List.of(
                cut(street, 5, false), cut(film, 0.5, false), pattern("mandelbrot", false),
                cut(street, 25, true), cut(film, 3.5, true), pattern("life=ratio=0.3:seed=7:mold=10", false),
                cut(street, 45, false), cut(film, 6.5, false), pattern("testsrc2", false), pattern("cellauto=rule=30", false));
        List<DemoMedia> tanakaMonth = new ArrayList<>();
        for (Path p : SampleMedia.groupPhotos()) {
            tanakaMonth.add(new DemoMedia.Photo(p));
        }
        tanakaMonth.addAll(List.of(new DemoMedia.Photo(SampleMedia.portrait()), new DemoMedia.Photo(SampleMedia.footballPhoto()),
                cut(film, 5, false), cut(film, 8.5, true), cut(street, 55, false)));
        List<DemoMedia> smithQuarter = List.of(
                cut(street, 65, true), cut(film, 9, true), pattern("smptebars", false), pattern("rgbtestsrc", false),
                cut(street, 15, false), cut(film, 2, false), pattern("mandelbrot=start_scale=1.5:end_scale=0.5", true),
                pattern("yuvtestsrc", false), pattern("testsrc", true), pattern("life=ratio=0.5:seed=3", true));
        List<DemoMedia> smithMonth = List.of(new DemoMedia.PatternPhoto("mandelbrot"), new DemoMedia.PatternPhoto("testsrc2"),
                new DemoMedia.PatternPhoto("smptehdbars"));
        List<DemoMedia> satoQuarter = List.of(cut(film, 1, false), cut(street, 35, true), pattern("testsrc2", true));
        List<DemoMedia> satoMonth = List.of(new DemoMedia.Photo(SampleMedia.groupPhoto(2)), new DemoMedia.Photo(SampleMedia.groupPhoto(3)));
        List<DemoMedia> garciaQuarter = List.of(
                pattern("testsrc", false), pattern("smptebars", true), pattern("rgbtestsrc", true), pattern("mandelbrot", true),
                pattern("cellauto=rule=90", false), pattern("yuvtestsrc", true), pattern("testsrc2", false),
                pattern("life=ratio=0.2:seed=11", false), pattern("cellauto=rule=110", true), pattern("smptehdbars", false));

        return List.of(
                new Family(TANAKA, "田中家", "tanaka-haruto", true, "quarterly and monthly movies",
                        concat(spread(TANAKA, quarter, tanakaQuarter, Fate.KEPT), spread(TANAKA, month, tanakaMonth, Fate.KEPT))),
                new Family(SMITH, "The Smiths", "smith-emma", false, "a quarterly movie; monthly NOT_PREMIUM",
                        concat(spread(SMITH, quarter, smithQuarter, Fate.KEPT), spread(SMITH, month, smithMonth, Fate.KEPT))),
                new Family(SATO, "佐藤家", "sato-yui", true, "TOO_LITTLE_MATERIAL in both runs",
                        concat(spread(SATO, quarter, satoQuarter, Fate.KEPT), spread(SATO, month, satoMonth, Fate.KEPT))),
                new Family(GARCIA, "The Garcias", "garcia-lucia", false, "quarterly FAILED: its originals are gone",
                        concat(junk(GARCIA, 3, month), spread(GARCIA, quarter, garciaQuarter, Fate.ORIGINAL_LOST))));
    }

    /** The media spread evenly over the period (in the middle of each of n equal stretches of it). */
    static List<Upload> spread(String familyId, Period period, List<DemoMedia> media, Fate fate) {
        Instant start = period.range(TOKYO).start();
        long span = period.range(TOKYO).length().toSeconds();
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * media.size()));
            String kind = media.get(i) instanceof DemoMedia.Photo ? "photo" : "video";
            uploads.add(new Upload(familyId + "-" + period.name() + "-" + kind + "-" + (i + 1), media.get(i), takenAt, fate));
        }
        return uploads;
    }

    private static List<Upload> junk(String familyId, int n, Period period) {
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uploads.add(new Upload(familyId + "-broken-" + (i + 1), new DemoMedia.Junk(familyId.hashCode() + i),
                    period.range(TOKYO).start().plus(Duration.ofDays(1 + i)), Fate.KEPT));
        }
        return uploads;
    }

    private static DemoMedia cut(Path video, double start, boolean mirror) {
        boolean sound = video.equals(SampleMedia.filmWithAudio());
        return new DemoMedia.Cut(video, start, mirror, sound, 220 + (int) (start * 37) % 500);
    }

    private static DemoMedia pattern(String source, boolean mirror) {
        return new DemoMedia.Pattern(source, mirror, 300 + Math.abs(source.hashCode()) % 600);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
