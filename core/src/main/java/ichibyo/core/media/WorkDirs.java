package ichibyo.core.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folders a probe, a render or a scoring works in (under /tmp on Lambda). */
public final class WorkDirs {
    private WorkDirs() {}

    /** Deletes a work folder and everything in it; best effort, since it is temporary anyway. */
    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
