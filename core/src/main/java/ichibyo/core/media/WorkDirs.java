package ichibyo.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The temporary folders a probe, a render or a scoring works in (under /tmp on Lambda). Each one made
 * by {@link #create} holds an owner marker (pid and process start time), so that the folders of a
 * process killed before its {@code finally} ran ({@code kill -9}, a Lambda timeout, an OOM kill) are
 * found and removed by {@link #sweepStale} when the next process starts.
 */
public final class WorkDirs {
    /** Every work folder's name starts with this. */
    public static final String PREFIX = "ichibyo-work-";
    static final String OWNER_FILE = ".owner";
    /** ONNX Runtime extracts its native libraries to {@code java.io.tmpdir/onnxruntime-java*} and deletes them once loaded. */
    static final String ONNX_RUNTIME_PREFIX = "onnxruntime-java";
    /** Loading takes seconds: an extraction folder older than this was left by a process that died while loading. */
    static final Duration ONNX_RUNTIME_LEFTOVER_AGE = Duration.ofMinutes(10);
    /** Temporary files of versions before owner markers: nothing lives longer than score-media's longest scoring. */
    static final Duration UNMARKED_LEFTOVER_AGE = Duration.ofHours(1);
    private static final String[] UNMARKED_PREFIXES = {"original-", "ichibyo-score-", "ichibyo-warm-up-"};

    private WorkDirs() {}

    /** A new work folder under {@code java.io.tmpdir}. */
    public static Path create(String purpose) {
        return create(Path.of(System.getProperty("java.io.tmpdir")), purpose);
    }

    /** A new work folder {@code parent/ichibyo-work-{purpose}-…} marked as this process's. */
    public static Path create(Path parent, String purpose) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, PREFIX + purpose + "-");
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(0L), StandardCharsets.US_ASCII);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    /**
     * Removes, under {@code parent}, the work folders whose owner process is gone, ONNX Runtime
     * extraction folders left by a process that died while loading, and the unmarked temporary files of
     * earlier versions once they are old. Folders of live processes (other JVMs sharing /tmp) stay.
     *
     * @return how many were removed
     */
    public static int sweepStale(Path parent) {
        int removed = 0;
        Instant now = Instant.now();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean stale;
                if (name.startsWith(PREFIX) && Files.isDirectory(entry)) {
                    stale = ownerIsGone(entry, now);
                } else if (name.startsWith(ONNX_RUNTIME_PREFIX) && Files.isDirectory(entry)) {
                    stale = olderThan(entry, ONNX_RUNTIME_LEFTOVER_AGE, now);
                } else {
                    stale = unmarkedLeftover(name) && olderThan(entry, UNMARKED_LEFTOVER_AGE, now);
                }
                if (stale) {
                    delete(entry);
                    removed += Files.exists(entry) ? 0 : 1;
                }
            }
        } catch (IOException e) {
            // best effort: an unreadable tmpdir only means nothing is swept
        }
        return removed;
    }

    private static boolean unmarkedLeftover(String name) {
        for (String prefix : UNMARKED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ownerIsGone(Path dir, Instant now) {
        String owner;
        try {
            owner = Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            // No marker yet: being created this very moment, or made by hand. Give it a minute.
            return olderThan(dir, Duration.ofMinutes(1), now);
        }
        String[] parts = owner.split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            long start = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            // The pid may have been reused by another process since: then the start times differ.
            Optional<Long> actual = startMillis(process.get());
            return start != 0 && actual.isPresent() && Math.abs(actual.get() - start) > 1000;
        } catch (NumberFormatException e) {
            return olderThan(dir, Duration.ofMinutes(1), now);
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static boolean olderThan(Path path, Duration age, Instant now) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(now.minus(age));
        } catch (IOException e) {
            return false;
        }
    }
}
