package ichibyo.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The logs of the processes an end-to-end test starts, for its failure messages. */
final class Logs {

    private Logs() {}

    /** The file's last 20,000 characters (where a failure is), or why it could not be read. */
    static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 20_000 ? "..." + text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
