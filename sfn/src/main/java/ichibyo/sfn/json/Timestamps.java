package ichibyo.sfn.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** ISO-8601 timestamps as Step Functions writes and accepts them (RFC 3339 with a zone). */
public final class Timestamps {
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {}

    public static String format(Instant t) {
        return OUT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The instant, or null when the text is not an extended offset date-time. */
    public static Instant parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) return null;
        try {
            return OffsetDateTime.parse(text.replace('z', 'Z')).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
