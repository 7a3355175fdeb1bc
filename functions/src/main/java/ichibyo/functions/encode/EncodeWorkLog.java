package ichibyo.functions.encode;

import ichibyo.core.encode.OutputVerification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The jobs table as the work log anyone can read: per job, when it started and ended, its execution, its status
 * and error; per task (a chunk of a profile), when it started and ended, where it ran, how many attempts, its
 * error, its output; per output, what verify measured.
 *
 * <pre>
 * pk JOB#{jobId}  sk JOB                          status RUNNING|SUCCEEDED|FAILED, executionArn, masterKey, startedAt, endedAt, error, cause
 * pk JOB#{jobId}  sk TASK#{profileId}#{chunk:05d}  status RUNNING|DONE|FAILED, ranOn, attempts, startedAt, endedAt, key, bytes, seconds, reused, error
 * pk JOB#{jobId}  sk OUTPUT#{profileId}            passed, frames, durationSeconds, ssimMean, psnrMean, seamSsimMin, failures
 * </pre>
 * Writes are updates of named attributes, so a retried step rewrites its own record and counts its attempt.
 */
public final class EncodeWorkLog {
    /** A job's items: one, its tasks (chunks × profiles, at most PlanChunksHandler.MAX_ITEMS), its outputs. */
    private static final int MAX_PAGES = 20;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public EncodeWorkLog(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    static String pk(String jobId) {
        return "JOB#" + jobId;
    }

    static String taskSk(String profileId, int chunk) {
        return String.format("TASK#%s#%05d", profileId, chunk);
    }

    public void jobStarted(String jobId, String executionArn, String masterKey) {
        update(jobId, "JOB", "SET #status = :running, startedAt = if_not_exists(startedAt, :now), executionArn = :arn, masterKey = :master"
                + " REMOVE endedAt, #error, cause", Map.of(":running", s("RUNNING"), ":now", s(now()), ":arn", s(executionArn), ":master", s(masterKey)));
    }

    public void jobEnded(String jobId, String status, String error, String cause) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(status), ":now", s(now())));
        String expression = "SET #status = :status, endedAt = :now";
        if (error != null) {
            expression += ", #error = :error, cause = :cause";
            values.put(":error", s(error));
            values.put(":cause", s(cause == null ? "" : cause.length() > 4000 ? cause.substring(0, 4000) + "…" : cause));
        }
        update(jobId, "JOB", expression, values);
    }

    public void taskStarted(String jobId, String profileId, int chunk, String ranOn) {
        update(jobId, taskSk(profileId, chunk), "SET #status = :running, startedAt = :now, ranOn = :on, profileId = :p, chunk = :c"
                + " REMOVE endedAt, #error ADD attempts :one",
                Map.of(":running", s("RUNNING"), ":now", s(now()), ":on", s(ranOn), ":p", s(profileId), ":c", n(chunk), ":one", n(1)));
    }

    /** As {@link #taskStarted(String, String, int, String)}, with the CRF plan-chunks chose for a target-quality chunk (null: the profile's rate). */
    public void taskStarted(String jobId, String profileId, int chunk, String ranOn, Integer crf) {
        taskStarted(jobId, profileId, chunk, ranOn);
        if (crf != null) {
            update(jobId, taskSk(profileId, chunk), "SET crf = :crf", Map.of(":crf", n(crf)));
        }
    }

    public void taskDone(String jobId, String profileId, int chunk, String key, long bytes, double seconds, boolean reused) {
        update(jobId, taskSk(profileId, chunk), "SET #status = :done, endedAt = :now, outputKey = :key, bytes = :bytes, seconds = :s, reused = :r",
                Map.of(":done", s("DONE"), ":now", s(now()), ":key", s(key), ":bytes", n(bytes), ":s", n(seconds),
                        ":r", AttributeValue.fromBool(reused)));
    }

    public void taskFailed(String jobId, String profileId, int chunk, Throwable error) {
        String message = error.getClass().getName() + ": " + String.valueOf(error.getMessage());
        update(jobId, taskSk(profileId, chunk), "SET #status = :failed, endedAt = :now, #error = :error",
                Map.of(":failed", s("FAILED"), ":now", s(now()), ":error", s(message.length() > 2000 ? message.substring(0, 2000) + "…" : message)));
    }

    public void outputVerified(String jobId, OutputVerification v) {
        double seamMin = v.seams().stream().mapToDouble(OutputVerification.Seam::ssim).min().orElse(1);
        update(jobId, "OUTPUT#" + v.profileId(), "SET passed = :passed, frames = :frames, durationSeconds = :d, ssimMean = :ssim,"
                + " psnrMean = :psnr, seamSsimMin = :seam, failures = :failures, verifiedAt = :now",
                Map.of(":passed", AttributeValue.fromBool(v.passed()), ":frames", n(v.frames()), ":d", n(v.durationSeconds()),
                        ":ssim", n(v.ssimMean()), ":psnr", n(v.psnrMean()), ":seam", n(seamMin),
                        ":failures", AttributeValue.fromL(v.failures().stream().map(EncodeWorkLog::s).toList()), ":now", s(now())));
    }

    /** The job's record, its tasks and its outputs, as plain values; empty when there is no such job. */
    public Optional<Map<String, Object>> read(String jobId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk(jobId)))).exclusiveStartKey(from));
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        Map<String, Object> job = null;
        List<Map<String, Object>> tasks = new ArrayList<>();
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("sk").s();
            Map<String, Object> plain = plain(item);
            if (sk.equals("JOB")) {
                job = plain;
            } else if (sk.startsWith("TASK#")) {
                tasks.add(plain);
            } else if (sk.startsWith("OUTPUT#")) {
                plain.put("profileId", sk.substring("OUTPUT#".length()));
                outputs.add(plain);
            }
        }
        if (job == null) {
            return Optional.empty();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jobId", jobId);
        result.putAll(job);
        result.put("tasks", tasks);
        result.put("outputs", outputs);
        return Optional.of(result);
    }

    private void update(String jobId, String sk, String expression, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>();
        if (expression.contains("#status")) {
            names.put("#status", "status");
        }
        if (expression.contains("#error")) {
            names.put("#error", "error");
        }
        dynamoDb.updateItem(u -> u.tableName(table).key(Map.of("pk", s(pk(jobId)), "sk", s(sk))).updateExpression(expression)
                .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values));
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (!k.equals("pk") && !k.equals("sk")) {
                out.put(k, value(v));
            }
        });
        return out;
    }

    private static Object value(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return new java.math.BigDecimal(v.n());
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasL()) {
            return v.l().stream().map(EncodeWorkLog::value).toList();
        }
        return null;
    }

    private String now() {
        return clock.instant().toString();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
