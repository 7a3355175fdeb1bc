package ichibyo.core.delivery;

import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A movie's title: the family's name and the period, in the family's language.
 *
 * <table>
 *   <tr><th>period</th><th>Japanese</th><th>English</th></tr>
 *   <tr><td>2026-Q4</td><td>{@code 田中家 2026年 秋}</td><td>{@code The Smiths · Autumn 2026}</td></tr>
 *   <tr><td>2026-11</td><td>{@code 田中家 2026年11月}</td><td>{@code The Smiths · November 2026}</td></tr>
 *   <tr><td>2026</td><td>{@code 田中家 2026年}</td><td>{@code The Smiths · 2026}</td></tr>
 * </table>
 *
 * <p>Quarters are named for the season most of their months belong to in Japan's usual reckoning
 * (spring March–May, summer June–August, autumn September–November, winter December–February):
 * January–March 冬 (winter), April–June 春 (spring), July–September 夏 (summer), October–December 秋
 * (autumn). A name too long for the style's title is shortened with an ellipsis, never the period.
 */
public final class MovieTitle {
    private static final String[] SEASONS_JA = {"冬", "春", "夏", "秋"};
    private static final String[] SEASONS_EN = {"Winter", "Spring", "Summer", "Autumn"};

    private MovieTitle() {}

    /** The title, at most {@code maxLength} characters (code points). */
    public static String of(Family family, Period period, int maxLength) {
        boolean japanese = family.isJapanese();
        String when = japanese ? japanese(period) : english(period);
        String separator = japanese ? " " : " · ";
        int room = maxLength - when.length() - separator.length();
        return shorten(family.displayName(), room) + separator + when;
    }

    /** {@code 2026年 秋}, {@code 2026年11月}, {@code 2026年}. */
    public static String japanese(Period period) {
        return switch (period.unit()) {
            case QUARTER -> period.year() + "年 " + SEASONS_JA[period.index() - 1];
            case MONTH -> period.year() + "年" + period.index() + "月";
            case YEAR -> period.year() + "年";
        };
    }

    /** {@code Autumn 2026}, {@code November 2026}, {@code 2026}. */
    public static String english(Period period) {
        return switch (period.unit()) {
            case QUARTER -> SEASONS_EN[period.index() - 1] + " " + period.year();
            case MONTH -> Month.of(period.index()).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + period.year();
            case YEAR -> String.valueOf(period.year());
        };
    }

    private static String shorten(String name, int room) {
        int length = name.codePointCount(0, name.length());
        if (length <= room) {
            return name;
        }
        int keep = Math.max(1, room - 1);
        return name.substring(0, name.offsetByCodePoints(0, keep)).strip() + "…";
    }
}
