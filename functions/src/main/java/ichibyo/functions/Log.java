package ichibyo.functions;

import ichibyo.core.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line on stdout (CloudWatch Logs on Lambda): level, message, fields. */
public final class Log {
    private Log() {}

    public static void info(String message, Object... keyValues) {
        write("INFO", message, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, keyValues);
    }

    public static void error(String message, Object... keyValues) {
        write("ERROR", message, keyValues);
    }

    private static void write(String level, String message, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.put(String.valueOf(keyValues[i]), value instanceof Throwable t ? t.toString() : value);
        }
        try {
            System.out.println(Json.mapper().writeValueAsString(line));
        } catch (Exception e) {
            System.out.println(line);
        }
    }
}
