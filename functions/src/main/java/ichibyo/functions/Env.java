package ichibyo.functions;

/** The functions' configuration: environment variables, as Lambda sets them. */
public final class Env {

    private Env() {}

    /** The variable's value; fails at start-up, naming it, when it is not set. */
    public static String require(String name) {
        return require(System.getenv(), name);
    }

    /** The variable's value in a function's environment ({@code env}); fails, naming it, when it is not set. */
    public static String require(java.util.Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public static String or(String name, String fallback) {
        return or(System.getenv(), name, fallback);
    }

    public static String or(java.util.Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A whole number from {@code env}, or {@code fallback} when unset; fails, naming it, when it is not a number. */
    public static int intOr(java.util.Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " is not a whole number: " + value);
        }
    }
}
