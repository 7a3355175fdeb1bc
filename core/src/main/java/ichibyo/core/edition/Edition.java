package ichibyo.core.edition;

import com.fasterxml.jackson.annotation.JsonIgnore;
import ichibyo.core.media.MediaKind;
import ichibyo.core.render.EditionStyle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One edition of the movies (quarterly, monthly, yearly): who gets it, for which period, from what
 * material and how it looks. Editions are data ({@link Editions}, one JSON document), so a new rule
 * needs no deploy. Optional fields take the defaults below when a document leaves them out.
 *
 * @param id              {@code quarterly}, {@code monthly}, …: 1–32 of {@code a–z 0–9 -} (keys and execution names use it)
 * @param premiumOnly     only premium families get it
 * @param period          quarter, month or year
 * @param deliverFromDay  the day of the month after the period from which it is delivered (1: as soon as it
 *                        ends; the yearly edition waits for 2 January); default 1
 * @param material        the kinds of media used: {@code PHOTO}, {@code VIDEO} or both
 * @param minItems        the fewest usable items (of those kinds) in the period for a family to get a movie; default 10
 * @param minMoments      the fewest moments left after near-duplicates are suppressed; default 3
 * @param maxMoments      the most moments; at most the style's {@link EditionStyle#maxClips()}
 * @param videoShare      with both kinds, the share of moments that are videos (0–1); null: by score alone
 * @param slices          the period is cut into this many equal stretches of time, and each stretch's best
 *                        moment is taken first (diversity across the period); default maxMoments / 2
 * @param faceBonus       added to the score of a moment with faces when ranking (faces are what families
 *                        want to see); default 0.1
 * @param nearDuplicates  what counts as the same moment; default {@link NearDuplicates#DEFAULT}
 * @param style           the render style (crossfade, limits)
 * @param momentSeconds   seconds each moment is on screen; default 1.0
 * @param photoZoom       photos' Ken Burns zoom into their faces (1 = still); default 1.1
 * @param resolution      the movie's short side in pixels; default 720
 * @param fps             frames per second; default 30
 */
public record Edition(
        String id,
        boolean premiumOnly,
        PeriodUnit period,
        Integer deliverFromDay,
        List<MediaKind> material,
        Integer minItems,
        Integer minMoments,
        int maxMoments,
        Double videoShare,
        Integer slices,
        Double faceBonus,
        NearDuplicates nearDuplicates,
        EditionStyle style,
        Double momentSeconds,
        Double photoZoom,
        Integer resolution,
        Integer fps) {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");

    public Edition {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidEditionsException("edition id must be 1–32 characters of a-z 0-9 -, not " + id);
        }
        if (period == null || style == null) {
            throw new InvalidEditionsException("edition " + id + " needs a period and a style");
        }
        if (material == null || material.isEmpty() || material.stream().anyMatch(k -> k == null || k == MediaKind.AUDIO)) {
            throw new InvalidEditionsException("edition " + id + " needs material PHOTO, VIDEO or both");
        }
        material = material.stream().distinct().sorted().toList();
        deliverFromDay = deliverFromDay == null ? 1 : deliverFromDay;
        minItems = minItems == null ? 10 : minItems;
        minMoments = minMoments == null ? 3 : minMoments;
        slices = slices == null ? Math.max(1, maxMoments / 2) : slices;
        faceBonus = faceBonus == null ? 0.1 : faceBonus;
        nearDuplicates = nearDuplicates == null ? NearDuplicates.DEFAULT : nearDuplicates;
        momentSeconds = momentSeconds == null ? 1.0 : momentSeconds;
        photoZoom = photoZoom == null ? 1.1 : photoZoom;
        resolution = resolution == null ? 720 : resolution;
        fps = fps == null ? 30 : fps;
        if (deliverFromDay < 1 || deliverFromDay > 28) {
            throw new InvalidEditionsException("edition " + id + ": deliverFromDay " + deliverFromDay + " is outside 1–28");
        }
        if (maxMoments < 1 || maxMoments > style.maxClips()) {
            throw new InvalidEditionsException("edition " + id + ": maxMoments " + maxMoments + " is outside 1–" + style.maxClips()
                    + " (the " + style + " style's most clips)");
        }
        if (minMoments < 1 || minMoments > maxMoments) {
            throw new InvalidEditionsException("edition " + id + ": minMoments " + minMoments + " is outside 1–maxMoments");
        }
        if (minItems < minMoments) {
            throw new InvalidEditionsException("edition " + id + ": minItems " + minItems + " is below minMoments " + minMoments);
        }
        if (videoShare != null && !(videoShare >= 0 && videoShare <= 1)) {
            throw new InvalidEditionsException("edition " + id + ": videoShare " + videoShare + " is outside 0–1");
        }
        if (slices < 1 || slices > maxMoments) {
            throw new InvalidEditionsException("edition " + id + ": slices " + slices + " is outside 1–maxMoments");
        }
        if (!(faceBonus >= 0 && faceBonus <= 1)) {
            throw new InvalidEditionsException("edition " + id + ": faceBonus " + faceBonus + " is outside 0–1");
        }
        if (!(momentSeconds >= 0.2 && momentSeconds <= 5)) {
            throw new InvalidEditionsException("edition " + id + ": momentSeconds " + momentSeconds + " is outside 0.2–5");
        }
        if (!(photoZoom >= 1 && photoZoom <= 2)) {
            throw new InvalidEditionsException("edition " + id + ": photoZoom " + photoZoom + " is outside 1–2");
        }
        if (resolution < 64 || resolution > 2160 || fps < 1 || fps > 60) {
            throw new InvalidEditionsException("edition " + id + ": resolution or fps out of range");
        }
    }

    public boolean uses(MediaKind kind) {
        return material.contains(kind);
    }

    /** The last period that had ended by {@code instant} in {@code zone} (whether or not it is due yet). */
    public Period periodEndedBy(Instant instant, ZoneId zone) {
        return Period.endedBy(period, instant, zone);
    }

    /** The first day {@code p} may be delivered: {@link #deliverFromDay} of the month after it. */
    public LocalDate deliveryDate(Period p) {
        return p.end().plusDays(deliverFromDay - 1L);
    }

    /** Whether {@code p} may be delivered at {@code instant} in {@code zone}. */
    public boolean isDue(Period p, Instant instant, ZoneId zone) {
        return !instant.atZone(zone).toLocalDate().isBefore(deliveryDate(p));
    }

    /**
     * The latest period due at {@code instant} in {@code zone}: what a run started then delivers. On
     * 1 January the yearly edition's is still the year before last; from 2 January, last year.
     */
    public Period dueAt(Instant instant, ZoneId zone) {
        Period p = periodEndedBy(instant, zone);
        return isDue(p, instant, zone) ? p : p.previous();
    }

    /**
     * Parses a period of this edition's unit.
     *
     * @throws InvalidPeriodException for a malformed name or another unit ({@code 2026-11} for a quarterly edition)
     */
    public Period parsePeriod(String name) {
        Period p = Period.parse(name);
        if (p.unit() != period) {
            throw new InvalidPeriodException("edition " + id + " has " + period.name().toLowerCase() + " periods, not " + name);
        }
        return p;
    }

    /** Whether both photos and videos are used. */
    @JsonIgnore
    public boolean isMixed() {
        return material.size() > 1;
    }
}
