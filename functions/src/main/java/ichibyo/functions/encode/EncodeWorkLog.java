package ichibyo.functions.encode;

import ichibyo.core.encode.EncodeRescue;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The jobs table as the work log anyone can read: per job, when it started and ended, its execution, its status
 * and error; per task (a chunk of a profile), when it started and ended, where it ran, how many attempts, its
 * error, its output; per output, what verify measured.
 *
 * <pre>
 * pk JOB#{jobId}  sk JOB                          status RUNNING|SUCCEEDED|FAILED, executionArn, masterKey, startedAt, endedAt, error, cause
 * pk JOB#{jobId}  sk TASK#{profileId}#{chunk:05d}  status RUNNING|DONE|FAILED|ABANDONED, ranOn, attempts, startedAt, endedAt, key, bytes, seconds, reused, error
 * pk JOB#{jobId}  sk OUTPUT#{profileId}            passed, frames, durationSeconds, ssimMean, psnrMean, seamSsimMin, failures
 * </pre>
 * Writes are updates of named attributes, so a retried step rewrites its own record and counts its attempt. The rescue
 * ({@link #unsettled}, {@link #settleJob}, {@link #settleTask}) settles what the log says runs but no execution runs;
 * its writes are conditional on the record being as it read it, so a step that moved on meanwhile wins.
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

    /** The most items one sweep of the rescue scans: the table holds few RUNNING records at any time, and the next sweep goes on. */
    static final int MAX_SCANNED = 20_000;

    /**
     * The jobs the log calls RUNNING, and those with a task it calls RUNNING, each with those tasks: one bounded scan
     * of the table for RUNNING records, then each job's own record.
     */
    public List<EncodeRescue.JobRecord> unsettled() {
        Map<String, List<EncodeRescue.TaskRecord>> tasks = new LinkedHashMap<>();
        Map<String, Map<String, AttributeValue>> jobs = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        int scanned = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(q -> q.tableName(table).filterExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(Map.of(":running", s("RUNNING")))
                    .exclusiveStartKey(from));
            scanned += page.scannedCount();
            for (Map<String, AttributeValue> item : page.items()) {
                String jobId = item.get("pk").s().substring("JOB#".length());
                String sk = item.get("sk").s();
                if (sk.equals("JOB")) {
                    jobs.put(jobId, item);
                } else if (sk.startsWith("TASK#") && item.containsKey("profileId") && item.containsKey("chunk")) {
                    tasks.computeIfAbsent(jobId, j -> new ArrayList<>()).add(new EncodeRescue.TaskRecord(item.get("profileId").s(),
                            Integer.parseInt(item.get("chunk").n()), instant(item.get("startedAt")), text(item.get("ranOn"))));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && scanned < MAX_SCANNED);
        // A job with a RUNNING task may itself be settled already: its record says where its execution is.
        for (String jobId : tasks.keySet()) {
            if (!jobs.containsKey(jobId)) {
                var item = dynamoDb.getItem(g -> g.tableName(table).key(Map.of("pk", s(pk(jobId)), "sk", s("JOB")))).item();
                if (item != null && !item.isEmpty()) {
                    jobs.put(jobId, item);
                }
            }
        }
        List<EncodeRescue.JobRecord> records = new ArrayList<>();
        jobs.forEach((jobId, item) -> records.add(new EncodeRescue.JobRecord(jobId, text(item.get("status")), text(item.get("executionArn")),
                instant(item.get("startedAt")), tasks.getOrDefault(jobId, List.of()))));
        return records;
    }

    /** Settles a job the log calls RUNNING; false when it is RUNNING no more (its workflow got there first). */
    public boolean settleJob(EncodeRescue.JobSettlement settlement) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(settlement.status()), ":now", s(now()),
                ":running", s("RUNNING"), ":by", s("rescue-encodes")));
        String expression = "SET #status = :status, endedAt = :now, settledBy = :by";
        if (settlement.error() != null) {
            expression += ", #error = :error, cause = :cause";
            values.put(":error", s(settlement.error()));
            values.put(":cause", s(cut(settlement.cause(), 4000)));
        }
        return conditionalUpdate(settlement.jobId(), "JOB", expression, "#status = :running", values);
    }

    /** Settles a task the log calls RUNNING since the time the rescue saw; false when it moved on (a new attempt, its end). */
    public boolean settleTask(EncodeRescue.TaskSettlement settlement) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(settlement.status()), ":now", s(now()),
                ":running", s("RUNNING"), ":error", s(cut(settlement.error(), 2000)), ":by", s("rescue-encodes")));
        String condition = "#status = :running";
        if (settlement.startedAt() != null) {
            condition += " AND startedAt = :started";
            values.put(":started", s(settlement.startedAt().toString()));
        }
        return conditionalUpdate(settlement.jobId(), taskSk(settlement.profileId(), settlement.chunk()),
                "SET #status = :status, endedAt = :now, #error = :error, settledBy = :by", condition, values);
    }

    private boolean conditionalUpdate(String jobId, String sk, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(u -> u.tableName(table).key(Map.of("pk", s(pk(jobId)), "sk", s(sk))).updateExpression(expression)
                    .conditionExpression(condition).expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String cut(String text, int max) {
        String t = text == null ? "" : text;
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }

    private static String text(AttributeValue v) {
        return v == null ? null : v.s();
    }

    private static java.time.Instant instant(AttributeValue v) {
        try {
            return v == null || v.s() == null ? null : java.time.Instant.parse(v.s());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A chunk task that failed: its error's class, its message, and how often it ran. */
    public record FailedTask(String profileId, int chunk, int attempts, String error, String message) {}

    /** The first task of the job whose last attempt failed, if any. */
    public Optional<FailedTask> failedTask(String jobId) {
        return read(jobId).flatMap(job -> ((List<?>) job.get("tasks")).stream().map(t -> (Map<?, ?>) t)
                .filter(t -> "FAILED".equals(t.get("status")) && t.get("error") != null).findFirst()
                .map(t -> {
                    String text = String.valueOf(t.get("error"));
                    int colon = text.indexOf(": ");
                    return new FailedTask(String.valueOf(t.get("profileId")), ((Number) t.get("chunk")).intValue(),
                            t.get("attempts") instanceof Number a ? a.intValue() : 1, colon < 0 ? text : text.substring(0, colon),
                            colon < 0 ? text : text.substring(colon + 2));
                }));
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
