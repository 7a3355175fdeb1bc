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
 * @param httpRoutes the routes of the app's HTTP API that invoke the function (API Gateway HTTP API,
 *        payload format 2.0; locally the runtime serves the same routes)
 * @param access what the handler does with the app's other resources ({@link Access}): exactly what its
 *        role may do on AWS; its environment names these resources and no others
 * @param maxConcurrency the most instances that run at once on AWS, 0 for no limit; ignored locally. On AWS, a
 *        function with SQS event sources gets it as each mapping's maximum concurrency (so the poller never
 *        exceeds it and nothing is throttled); another one as reserved concurrency
 */
public record Function(
        String name,
        String handler,
        int memoryMb,
        Duration timeout,
        Map<String, Ref> environment,
        List<SqsEventSource> eventSources,
        int ephemeralStorageMb,
        boolean ffmpeg,
        List<HttpRoute> httpRoutes,
        List<Access> access,
        int maxConcurrency) {

    /** Lambda's default {@code /tmp}, and the most that SnapStart allows. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public Function {
        environment = Map.copyOf(environment);
        eventSources = List.copyOf(eventSources);
        httpRoutes = List.copyOf(httpRoutes);
        access = List.copyOf(access);
        if (maxConcurrency != 0 && (maxConcurrency < 2 || maxConcurrency > 1000)) {
            // The bounds of an SQS event source's maximum concurrency.
            throw new IllegalArgumentException("function " + name + ": maximum concurrency must be 0 (none) or 2–1000, not " + maxConcurrency);
        }
        if (ephemeralStorageMb < 512 || ephemeralStorageMb > 10240) {
            throw new IllegalArgumentException("function " + name + ": ephemeral storage must be 512–10240 MB, not " + ephemeralStorageMb);
        }
    }

    /** A function that may use nothing ({@link #withAccess}) and has no reserved concurrency. */
    public Function(String name, String handler, int memoryMb, Duration timeout, Map<String, Ref> environment,
            List<SqsEventSource> eventSources, int ephemeralStorageMb, boolean ffmpeg, List<HttpRoute> httpRoutes) {
        this(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, ffmpeg, httpRoutes, List.of(), 0);
    }

    /** A function with the default {@code /tmp} that does not run FFmpeg. */
    public Function(String name, String handler, int memoryMb, Duration timeout, Map<String, Ref> environment,
            List<SqsEventSource> eventSources) {
        this(name, handler, memoryMb, timeout, environment, eventSources, DEFAULT_EPHEMERAL_STORAGE_MB, false, List.of());
    }

    public Function withEphemeralStorage(int megabytes) {
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, megabytes, ffmpeg, httpRoutes, access, maxConcurrency);
    }

    public Function withFfmpeg() {
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, true, httpRoutes, access, maxConcurrency);
    }

    /** Adds a route, e.g. {@code POST /upload-url}, of the app's HTTP API. */
    public Function withHttpRoute(String method, String path) {
        List<HttpRoute> routes = new java.util.ArrayList<>(httpRoutes);
        routes.add(new HttpRoute(method, path));
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, ffmpeg, routes, access, maxConcurrency);
    }

    /** Adds to what the handler does with other resources, e.g. {@code withAccess(Access.read(MEDIA_BUCKET, "originals/"))}. */
    public Function withAccess(Access... more) {
        List<Access> all = new java.util.ArrayList<>(access);
        all.addAll(List.of(more));
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, ffmpeg, httpRoutes, all,
                maxConcurrency);
    }

    /** At most {@code instances} run at once on AWS: a cap on what one function can take of the account and its downstreams. */
    public Function withMaxConcurrency(int instances) {
        return new Function(name, handler, memoryMb, timeout, environment, eventSources, ephemeralStorageMb, ffmpeg, httpRoutes, access,
                instances);
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

    /**
     * A route of the app's HTTP API: {@code method} (GET, POST, PUT, PATCH, DELETE) and a {@code path} starting with
     * {@code /} whose segments are fixed or a whole-segment parameter, as API Gateway writes them
     * ({@code /profiles/{id}}: the function gets {@code pathParameters.id}). Every route needs a bearer token (JWT):
     * the HTTP API verifies it (on AWS its JWT authorizer, locally the runtime) and passes its claims to the function.
     */
    public record HttpRoute(String method, String path) {
        public HttpRoute {
            if (!java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                throw new IllegalArgumentException("HTTP route method must be GET, POST, PUT, PATCH or DELETE, not " + method);
            }
            if (!path.matches("/|(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9]{0,31}\\}))+")) {
                throw new IllegalArgumentException("HTTP route path must start with /, its segments fixed or a whole {parameter}, no spaces: " + path);
            }
        }

        /** The path's parameters, in order: {@code [id]} for {@code /profiles/{id}}. */
        public java.util.List<String> parameters() {
            return java.util.Arrays.stream(path.split("/")).filter(s -> s.startsWith("{")).map(s -> s.substring(1, s.length() - 1)).toList();
        }

        /** As API Gateway writes a route key: {@code POST /upload-url}. */
        public String key() {
            return method + " " + path;
        }
    }
}
