package ichibyo.functions;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * ichibyo's log lines: a message and its fields as key-value pairs, written by Powertools' JSON layout
 * (ichibyo-log4j2.xml) with the invocation's context ({@link Invocation}). A {@link Throwable} value is the
 * line's error (name, message and stack).
 */
public final class Log {
    private static final Logger LOGGER = LoggerFactory.getLogger("ichibyo.functions");

    private Log() {}

    public static void info(String message, Object... keyValues) {
        if (LOGGER.isInfoEnabled()) {
            LOGGER.info(message, arguments(keyValues));
        }
    }

    public static void warn(String message, Object... keyValues) {
        if (LOGGER.isWarnEnabled()) {
            LOGGER.warn(message, arguments(keyValues));
        }
    }

    public static void error(String message, Object... keyValues) {
        LOGGER.error(message, arguments(keyValues));
    }

    /** Each pair as a structured field; a throwable last, where SLF4J takes it as the line's error. */
    private static Object[] arguments(Object... keyValues) {
        List<Object> arguments = new ArrayList<>(keyValues.length / 2 + 1);
        Throwable error = null;
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof Throwable t) {
                error = t;
            } else {
                arguments.add(StructuredArguments.entry(String.valueOf(keyValues[i]), value));
            }
        }
        if (error != null) {
            arguments.add(error);
        }
        return arguments.toArray();
    }
}
