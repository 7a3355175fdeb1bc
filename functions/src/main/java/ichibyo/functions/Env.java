package ichibyo.functions;

/** The functions' configuration: environment variables, as Lambda sets them. */
public final class Env {

    private Env() {}

    /** The variable's value; fails at start-up, naming it, when it is not set. */
    public static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public static String or(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
