package ichibyo.core.media;

import ichibyo.core.media.exceptions.FfmpegFailedException;
import ichibyo.core.media.exceptions.FfmpegTimeoutException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg and ffprobe: an argument list (never a shell, so no text is ever interpreted by
 * one), a time limit after which the process and its children are killed, and the tail of stderr
 * kept for the error. Callers add {@code -protocol_whitelist} per input (see {@link MediaLocation}).
 */
public final class FfmpegRunner {
    private static final int STDERR_TAIL_LINES = 40;
    private static final int STDOUT_LIMIT_BYTES = 512 * 1024 * 1024;

    private final FfmpegBinaries binaries;

    public FfmpegRunner(FfmpegBinaries binaries) {
        this.binaries = binaries;
    }

    /** A runner for the binaries {@link FfmpegBinaries#locate()} finds. */
    public static FfmpegRunner local() {
        return new FfmpegRunner(FfmpegBinaries.locate());
    }

    public FfmpegBinaries binaries() {
        return binaries;
    }

    /** Runs ffmpeg with {@code -hide_banner -nostdin} before {@code args}. */
    public ProcessResult ffmpeg(List<String> args, Duration timeLimit) {
        List<String> command = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-hide_banner", "-nostdin"));
        command.addAll(args);
        return run("ffmpeg", command, timeLimit);
    }

    /** Runs ffprobe with {@code -hide_banner} before {@code args}. */
    public ProcessResult ffprobe(List<String> args, Duration timeLimit) {
        List<String> command = new ArrayList<>(List.of(binaries.ffprobe().toString(), "-hide_banner"));
        command.addAll(args);
        return run("ffprobe", command, timeLimit);
    }

    static ProcessResult run(String tool, List<String> command, Duration timeLimit) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new FfmpegFailedException(tool, -1, "cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Deque<String> stderr = new ArrayDeque<>();
        Thread outReader = Thread.ofVirtual().start(() -> copyLimited(process.getInputStream(), stdout));
        Thread errReader = Thread.ofVirtual().start(() -> keepTail(process.getErrorStream(), stderr));
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                join(outReader, errReader);
                throw new FfmpegTimeoutException(tool, timeLimit, tail(stderr));
            }
            join(outReader, errReader);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new FfmpegFailedException(tool, -1, "interrupted");
        }
        if (process.exitValue() != 0) {
            throw new FfmpegFailedException(tool, process.exitValue(), tail(stderr));
        }
        return new ProcessResult(stdout.toByteArray(), tail(stderr));
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
    }

    private static void copyLimited(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    // Past the limit, keep draining so the process does not block on a full pipe.
                    if (out.size() + n <= STDOUT_LIMIT_BYTES) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // The process was killed: what was read is all there is.
        }
    }

    private static void keepTail(InputStream in, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // killed
        } catch (UncheckedIOException e) {
            // killed
        }
    }

    private static String tail(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }
}
