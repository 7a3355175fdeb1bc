package ichibyo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.MasterInfo;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.encode.exceptions.EncodeException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.media.exceptions.MediaException;
import ichibyo.functions.encode.EncodeWorkLog;
import ichibyo.functions.encode.MasterArrivedHandler;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * What {@code ichibyo-local encode} does: the encoding workflow on one master, as an operator uses it.
 * <ol>
 *   <li>probes MASTER (ffprobe, {@link MasterProbe}) and refuses, with exit status 2, a file that is not a video master,
 *       before any service starts;</li>
 *   <li>starts the runtime in this JVM (relaunched once with the functions' environment, as {@code demo} does);</li>
 *   <li>uploads MASTER to {@code masters/{contentId}/{file}} (multipart when large), naming the profile set in its
 *       {@code x-amz-meta-profile-set}, so the master-arrived trigger starts the same job;</li>
 *   <li>{@code POST /encodes} signed in as an operator: the job (202, or 200 when the upload's trigger started it first);</li>
 *   <li>follows the execution with a progress line (chunks done / total per profile, from the plan and the work log);</li>
 *   <li>prints each output with what verify measured and where it was placed, and copies everything placed under
 *       {@code deliveries/{contentId}/{profileSet}/} to {@code OUT/{contentId}/{profileSet}/}; a failed job prints the work
 *       log's error and its failed tasks, exit status 1.</li>
 * </ol>
 */
final class LocalEncode {
    /** Larger files are uploaded in parts of this size (S3 allows a single PUT up to 5 GB, but memory and retries favour parts). */
    static final long PART_BYTES = 64L * 1024 * 1024;
    private static final Duration PROBE_LIMIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String OPERATOR = "ichibyo-local-encode";

    private final PrintStream out;
    private final PrintStream err;
    private final Path outDir;
    private final Path log;

    private LocalEncode(PrintStream out, PrintStream err, Path outDir) {
        this.out = out;
        this.err = err;
        this.outDir = outDir;
        this.log = outDir.resolve("encode.log");
    }

    static int run(Path master, String profileSet, Path out, DataOptions dataOptions, PortOptions portOptions) throws Exception {
        Path file = master.toAbsolutePath();
        Path outDir = out.toAbsolutePath();
        // Refused before anything starts: the runtime takes seconds, ffprobe a moment.
        Optional<String> refusal = refusal(file);
        if (refusal.isPresent()) {
            System.err.println("ichibyo-local encode: " + refusal.get());
            return 2;
        }
        boolean temporary = dataOptions.given() == null;
        Path data = temporary ? Files.createTempDirectory("ichibyo-encode-") : dataOptions.given();
        try {
            PlannedPorts ports = PlannedPorts.from(portOptions);
            OptionalInt child = Relaunch.withRuntime(List.of("encode", file.toString(), "--profile-set", profileSet, "--out", outDir.toString()),
                    data, dataOptions.durable(), ports);
            if (child.isPresent()) {
                return child.getAsInt();
            }
            RuntimeOptions options = ports.applyTo(RuntimeOptions.of(data).withDurable(dataOptions.durable()));
            return new LocalEncode(System.out, System.err, outDir).inProcess(options, file, profileSet);
        } finally {
            if (temporary) {
                WorkDirs.delete(data);
            }
        }
    }

    /** Why {@code file} cannot be a master, if it cannot: missing, not a regular file, or not a video ffprobe can read. */
    static Optional<String> refusal(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " is not a file");
        }
        try {
            MasterInfo info = new MasterProbe(FfmpegRunner.local(), PROBE_LIMIT).probe(MediaLocation.of(file));
            return info.frames() > 0 ? Optional.empty() : Optional.of(file + " has no video frames: a master is a video");
        } catch (EncodeException | MediaException e) {
            return Optional.of(file.getFileName() + " is not a video master: " + e.getMessage());
        }
    }

    private int inProcess(RuntimeOptions options, Path file, String profileSet) throws Exception {
        Files.createDirectories(outDir);
        // The handlers log to standard output and the services to standard error: into a file, so the command's lines stay readable.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream runtimeLog = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(runtimeLog);
            System.setErr(runtimeLog);
            try (LocalRuntime runtime = LocalRuntime.start(options);
                 HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                return encode(runtime, http, file, profileSet);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
    }

    private int encode(LocalRuntime runtime, HttpClient http, Path file, String profileSet) throws Exception {
        long started = System.nanoTime();
        String contentId = EncodeJob.contentIdFor(file.getFileName().toString());
        String key = EncodeJob.mastersPrefix(contentId) + masterName(file);
        out.printf(Locale.ROOT, "ichibyo-local encode: %s as content %s, profile set %s (runtime up, API %s)%n", file.getFileName(), contentId,
                profileSet, runtime.endpoints().api());
        upload(runtime, key, file, profileSet);
        out.printf(Locale.ROOT, "  uploaded s3://%s/%s (%s)%n", Ichibyo.MEDIA_BUCKET, key, megabytes(Files.size(file)));

        Map<String, Object> request = Map.of("contentId", contentId, "profileSet", profileSet, "masterKey", key);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/encodes"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + runtime.tokens().issueOperator(OPERATOR))
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(request))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.mapper().readTree(response.body().isBlank() ? "{}" : response.body());
        if (response.statusCode() / 100 != 2) {
            err.printf(Locale.ROOT, "ichibyo-local encode: POST /encodes refused the job: %d %s: %s%n", response.statusCode(),
                    answer.path("error").asText(), answer.path("message").asText(response.body()));
            return response.statusCode() / 100 == 4 ? 2 : 1;
        }
        String jobId = answer.path("jobId").asText();
        String executionArn = answer.path("executionArn").asText();
        out.printf(Locale.ROOT, "  job %s (POST /encodes %d: %s)%n", jobId, response.statusCode(),
                response.statusCode() == 202 ? "started" : "already started, by the upload's master-arrived trigger or before");

        EncodeWorkLog workLog = new EncodeWorkLog(runtime.dynamoDb(), Ichibyo.ENCODE_JOBS_TABLE, Clock.systemUTC());
        DescribeExecutionResponse done = follow(runtime, workLog, jobId, executionArn, started);
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            failed(workLog, jobId, done);
            return 1;
        }
        JsonNode completed = Json.mapper().readTree(done.output());
        results(runtime, completed);
        out.printf(Locale.ROOT, "done in %.1f s; the work log: ichibyo-local history %s --machine %s; the functions' log: %s%n",
                (System.nanoTime() - started) / 1e9, jobId, Ichibyo.ENCODE, log);
        return 0;
    }

    /** The master's object name: its file name, sanitised as a content id is, with its extension. */
    static String masterName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") : "";
        return "master" + (extension.isEmpty() || extension.length() > 8 ? "" : "." + extension);
    }

    /** A PUT, or a multipart upload when the file is large; the profile set in the metadata the trigger reads. */
    private static void upload(LocalRuntime runtime, String key, Path file, String profileSet) throws Exception {
        Map<String, String> metadata = Map.of(MasterArrivedHandler.PROFILE_SET_METADATA, profileSet);
        long size = Files.size(file);
        var s3 = runtime.s3();
        if (size <= PART_BYTES) {
            s3.putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key(key).metadata(metadata), RequestBody.fromFile(file));
            return;
        }
        String uploadId = s3.createMultipartUpload(c -> c.bucket(Ichibyo.MEDIA_BUCKET).key(key).metadata(metadata)).uploadId();
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) PART_BYTES);
            for (int part = 1; channel.position() < size; part++) {
                buffer.clear();
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // fill the part
                }
                buffer.flip();
                int number = part;
                String eTag = s3.uploadPart(u -> u.bucket(Ichibyo.MEDIA_BUCKET).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromByteBuffer(buffer)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(c -> c.bucket(Ichibyo.MEDIA_BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (Exception e) {
            s3.abortMultipartUpload(a -> a.bucket(Ichibyo.MEDIA_BUCKET).key(key).uploadId(uploadId));
            throw e;
        }
    }

    /** Follows the execution to its end, printing the progress line (redrawn on a terminal, a line per change otherwise). */
    private DescribeExecutionResponse follow(LocalRuntime runtime, EncodeWorkLog workLog, String jobId, String executionArn, long started)
            throws InterruptedException {
        boolean terminal = isTerminal();
        EncodePlan plan = null;
        String last = "";
        while (true) {
            DescribeExecutionResponse d = runtime.sfn().describeExecution(r -> r.executionArn(executionArn));
            if (plan == null) {
                plan = plan(runtime, jobId);
            }
            Map<String, Object> job = workLog.read(jobId).orElse(Map.of());
            String line = progress(plan, job, d.statusAsString());
            boolean ended = d.status() != ExecutionStatus.RUNNING;
            if (terminal) {
                out.printf(Locale.ROOT, "\r\033[K  %s · %.0f s", line, (System.nanoTime() - started) / 1e9);
                if (ended) {
                    out.println();
                }
                out.flush();
            } else if (!line.equals(last)) {
                out.println("  " + line);
            }
            last = line;
            if (ended) {
                return d;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static EncodePlan plan(LocalRuntime runtime, String jobId) {
        try {
            return EncodePlan.fromJson(runtime.s3().getObjectAsBytes(g -> g.bucket(Ichibyo.MEDIA_BUCKET)
                    .key("encodes/" + jobId + "/plan.json")).asUtf8String());
        } catch (NoSuchKeyException e) {
            return null; // plan-chunks has not written it yet
        }
    }

    /** {@code RUNNING · preview-144p 2/3 · preview-234p 1/3 (1 retried)}: chunks done of the plan's, per profile. */
    static String progress(EncodePlan plan, Map<String, Object> job, String status) {
        StringBuilder s = new StringBuilder(status.toLowerCase(Locale.ROOT));
        if (plan == null) {
            return s.append(" · probing the master and planning its chunks").toString();
        }
        Map<String, int[]> counts = new LinkedHashMap<>(); // done, running, retried
        plan.profiles().profiles().forEach(p -> counts.put(p.id(), new int[3]));
        Object tasks = job.get("tasks");
        if (tasks instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Map<?, ?> task && counts.get(String.valueOf(task.get("profileId"))) instanceof int[] c) {
                    if ("DONE".equals(task.get("status"))) {
                        c[0]++;
                    } else if ("RUNNING".equals(task.get("status"))) {
                        c[1]++;
                    }
                    if (task.get("attempts") instanceof Number n && n.intValue() > 1) {
                        c[2]++;
                    }
                }
            }
        }
        int total = plan.chunks().size();
        counts.forEach((profile, c) -> {
            s.append(String.format(Locale.ROOT, " · %s %d/%d", profile, c[0], total));
            if (c[2] > 0) {
                s.append(String.format(Locale.ROOT, " (%d retried)", c[2]));
            }
        });
        Object outputs = job.get("outputs");
        if (outputs instanceof List<?> verified && !verified.isEmpty()) {
            s.append(String.format(Locale.ROOT, " · verified %d/%d", verified.size(), counts.size()));
        }
        return s.toString();
    }

    /** Each output as verify measured it and where it was placed; everything placed copied to OUT. */
    private void results(LocalRuntime runtime, JsonNode completed) throws Exception {
        String contentId = completed.path("contentId").asText();
        String profileSet = completed.path("profileSet").asText();
        out.printf(Locale.ROOT, "job %s: %d chunks, %d outputs (profile set %s v%d)%n", completed.path("jobId").asText(),
                completed.path("chunks").asInt(), completed.path("outputs").size(), profileSet, completed.path("profileSetVersion").asInt());
        for (JsonNode o : completed.path("outputs")) {
            out.printf(Locale.ROOT, "  %-18s %4d×%-4d %6d frames %8.3f s %10s %8.0f kb/s  SSIM %.4f (seams ≥ %.4f)  PSNR %.2f dB  → %s%s%n",
                    o.path("profileId").asText(), o.path("width").asInt(), o.path("height").asInt(), o.path("frames").asInt(),
                    o.path("durationSeconds").asDouble(), megabytes(o.path("bytes").asLong()), o.path("bitrateKbps").asDouble(),
                    o.path("ssimMean").asDouble(), o.path("seamSsimMin").asDouble(), o.path("psnrMean").asDouble(), o.path("key").asText(),
                    o.path("hlsPlaylistKey").isTextual() ? " (HLS " + o.path("hlsPlaylistKey").asText() + ")" : "");
        }
        if (completed.path("hlsMasterPlaylistKey").isTextual()) {
            out.println("  HLS master playlist: " + completed.path("hlsMasterPlaylistKey").asText());
        }
        String prefix = "deliveries/" + contentId + "/" + profileSet + "/";
        Path target = outDir.resolve(contentId).resolve(profileSet);
        int copied = 0;
        for (S3Object o : runtime.s3().listObjectsV2Paginator(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix(prefix)).contents()) {
            Path file = target.resolve(o.key().substring(prefix.length())).normalize();
            if (!file.startsWith(target)) {
                continue; // a key with '..' in it never leaves OUT
            }
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            runtime.s3().getObject(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(o.key()), file);
            copied++;
        }
        out.printf(Locale.ROOT, "copied %d files of s3://%s/%s to %s%n", copied, Ichibyo.MEDIA_BUCKET, prefix, target);
    }

    /** The work log's error, and each failed task's, on standard error. */
    private void failed(EncodeWorkLog workLog, String jobId, DescribeExecutionResponse done) {
        Map<String, Object> job = workLog.read(jobId).orElse(Map.of());
        Object error = job.getOrDefault("error", done.error());
        Object cause = job.getOrDefault("cause", done.cause());
        err.printf(Locale.ROOT, "ichibyo-local encode: job %s %s: %s%s%n", jobId, done.statusAsString(), error,
                cause == null || String.valueOf(cause).isBlank() ? "" : ": " + cause);
        if (job.get("tasks") instanceof List<?> tasks) {
            for (Object t : tasks) {
                if (t instanceof Map<?, ?> task && "FAILED".equals(task.get("status"))) {
                    err.printf(Locale.ROOT, "  %s chunk %s failed after %s attempts on %s: %s%n", task.get("profileId"), task.get("chunk"),
                            task.get("attempts"), task.get("ranOn"), task.get("error"));
                }
            }
        }
        err.println("  the work log: ichibyo-local history " + jobId + " --machine " + Ichibyo.ENCODE + "; the functions' log: " + log);
    }

    /** Whether standard output is a terminal (JDK 22+ says so through Console.isTerminal; before, console() is null when it is not). */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
