package ichibyo.core.family;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A family that receives movies: an item of the {@code families} table.
 *
 * @param familyId    1–64 characters of {@code A–Z a–z 0–9 _ -}, as in media keys
 * @param displayName the name shown in titles, in any script ({@code 田中家}, {@code The Smiths}):
 *                    1–{@value #MAX_NAME_LENGTH} characters (code points), no control characters
 * @param premium     whether the family has the premium plan (monthly and yearly editions)
 * @param timeZone    an IANA zone id; periods are computed in it; default {@value #DEFAULT_TIME_ZONE}
 * @param optedOut    the family asked for no more movies
 * @param language    {@code ja} or {@code en} for titles; null: Japanese when the name is written in
 *                    Japanese script, else English
 */
public record Family(String familyId, String displayName, boolean premium, String timeZone, boolean optedOut, String language) {
    public static final String DEFAULT_TIME_ZONE = "Asia/Tokyo";
    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Family {
        if (familyId == null || !ID.matcher(familyId).matches()) {
            throw new InvalidFamilyException("familyId", "must be 1–64 characters of A-Z a-z 0-9 _ -");
        }
        displayName = displayName == null ? null : displayName.strip();
        if (displayName == null || displayName.isEmpty()) {
            throw new InvalidFamilyException("displayName", "is empty");
        }
        if (displayName.codePointCount(0, displayName.length()) > MAX_NAME_LENGTH) {
            throw new InvalidFamilyException("displayName", "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (displayName.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                && c != 0x200D)) {
            throw new InvalidFamilyException("displayName", "has control or invisible formatting characters");
        }
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFamilyException("timeZone", "is not a time zone id (such as Asia/Tokyo): " + timeZone);
        }
        if (language != null) {
            language = language.strip().toLowerCase(Locale.ROOT);
            if (!language.equals("ja") && !language.equals("en")) {
                throw new InvalidFamilyException("language", "must be ja or en, not " + language);
            }
        }
    }

    /** A family in the default zone with the title language taken from the name. */
    public static Family of(String familyId, String displayName, boolean premium) {
        return new Family(familyId, displayName, premium, null, false, null);
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Family withTimeZone(String zone) {
        return new Family(familyId, displayName, premium, zone, optedOut, language);
    }

    public Family withOptedOut(boolean value) {
        return new Family(familyId, displayName, premium, timeZone, value, language);
    }

    /** Whether titles are written in Japanese: as {@link #language} says, else when the name has Japanese script. */
    @JsonIgnore
    public boolean isJapanese() {
        if (language != null) {
            return language.equals("ja");
        }
        return displayName.codePoints().anyMatch(c -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
        });
    }
}
