package ichibyo.app;

/** An S3 bucket. */
public record Bucket(String name, boolean versioned) {
    public static Bucket of(String name) {
        return new Bucket(name, false);
    }
}
