package ichibyo.core.render.internal;

/**
 * Escaping for text that goes inside a filtergraph (file paths in filter options). ffmpeg parses a
 * filtergraph twice: the graph level splits on {@code [ ] , ;} and the option level on {@code :};
 * both honour backslash and single quotes. A value escaped here is read back literally at both
 * levels. User text (titles) never goes through here: it is passed in a file ({@code textfile=}).
 */
public final class FilterText {
    private FilterText() {}

    /** {@code value} as a literal filter option value inside a filtergraph. */
    public static String optionValue(String value) {
        StringBuilder option = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '\'' || c == ':') {
                option.append('\\');
            }
            option.append(c);
        }
        StringBuilder graph = new StringBuilder();
        for (char c : option.toString().toCharArray()) {
            if (c == '\\' || c == '\'' || c == '[' || c == ']' || c == ',' || c == ';') {
                graph.append('\\');
            }
            graph.append(c);
        }
        return graph.toString();
    }

    /** A number for an ffmpeg option or expression: plain decimal, never an exponent or a locale comma. */
    public static String num(double value) {
        return new java.math.BigDecimal(value).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
