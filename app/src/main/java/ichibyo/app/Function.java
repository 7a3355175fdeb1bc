package ichibyo.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function (Java 21).
 *
 * @param handler the handler class name (as Lambda's {@code handler} setting, without {@code ::method})
 * @param environment variables set on the function; references resolve to physical names or endpoints
 * @param ephemeralStorageMb the size of {@code /tmp} on Lambda (512–10240). At 512 the function runs
 *        with SnapStart; Lambda refuses SnapStart with more. Ignored locally.
 * @param ffmpeg whether the function runs FFmpeg: on Lambda it gets the FFmpeg layer; locally the
 *        binaries are found as everywhere else ({@code FfmpegBinaries})
 */
public record Function(
        String name,
        String handler,
        int memoryMb,
        Duration timeout,
        Map<String, Ref> environment,
        List<SqsEventSource> eventSources,
        int ephemeralStorageMb,
        boolean ffmpeg) {

    /** Lambda's default {@code /tmp}, and the most that SnapStart allows. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public Function {
        environment = Map.copyOf(environment);
        eventSources = List.copyOf(eventSources);
        if (ephemeralStorageMb < 512 || ephemeralStorageMb > 10240) {
            throw new IllegalArgumentException("function " + name + ": ephemeral storage must be 512–10240 MB, not " + ephemeralStorageMb);
        }
    }

    /** A function with the default {@code /tmp} that does not run FFmpeg. */
    public Function(String name, String handler, int memoryMb, Duration timeout, Map<String, Ref> environment,
            List<SqsEventSource> eventSources) {
        this(name, handler, memoryMb, timeout, environment, eventSources, DEFAULT_EPHEMERAL_STORAGE_MB, false);
    }

    public Function withEphemeralStorage(int megabytes) {
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, megabytes, ffmpeg);
    }

    public Function withFfmpeg() {
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, true);
    }

    /** SnapStart restores a snapshot instead of starting the JVM; Lambda allows it only with the default {@code /tmp}. */
    public boolean snapStart() {
        return ephemeralStorageMb <= DEFAULT_EPHEMERAL_STORAGE_MB;
    }

    /**
     * An SQS event source mapping. The function returns {@code batchItemFailures} when
     * {@code reportBatchItemFailures} is set (only those records are retried).
     */
    public record SqsEventSource(String queue, int batchSize, Duration maximumBatchingWindow, boolean reportBatchItemFailures) {}
}
