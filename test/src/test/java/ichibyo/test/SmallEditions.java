package ichibyo.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The editions override that the delivery end-to-end tests and benchmarks put at
 * {@code config/editions.json}: small movies (180 px at 15 fps, 3–6 moments; 4 usable items make a
 * family eligible), so a run takes seconds. One document, read from {@code small-editions.json}.
 */
public final class SmallEditions {
    public static final String DOCUMENT = read();

    private SmallEditions() {}

    private static String read() {
        try (InputStream in = SmallEditions.class.getResourceAsStream("/small-editions.json")) {
            if (in == null) {
                throw new IllegalStateException("small-editions.json is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
