package ichibyo.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.asl.ExecutionContext;
import ichibyo.local.sfn.asl.Frame;
import ichibyo.local.sfn.asl.History;
import ichibyo.local.sfn.asl.InvalidDefinitionException;
import ichibyo.local.sfn.asl.Json;
import ichibyo.local.sfn.asl.Lane;
import ichibyo.local.sfn.asl.StateMachineDefinition;
import ichibyo.local.sfn.asl.StatesError;
import ichibyo.local.sfn.asl.TaskTokens;
import ichibyo.local.sfn.asl.Variables;
import ichibyo.local.sfn.task.TaskRunners;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Step Functions service behind the HTTP API: state machines, executions and their histories,
 * task tokens and Map Runs, in memory. Each operation takes and returns the API's JSON shapes.
 */
public final class StepFunctionsService implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,80}");
    private static final String DEFAULT_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/StepFunctionsLocal";

    private final Map<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    /** Executions in start order; appended to by many threads (a Distributed Map starts thousands). */
    private final List<ExecutionRecord> executionOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, MapRunRecord> mapRuns = new ConcurrentHashMap<>();
    private final TaskTokens tokens = new TaskTokens();
    private final TaskRunners runners;
    private final DistributedMaps distributedMaps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sfn-timeouts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param runners the task integrations (Lambda, ECS, S3, …); {@code states:startExecution} is built in
     * @param objectStore where Distributed Map reads items and writes results (S3), or null for none
     */
    public StepFunctionsService(TaskRunners runners, ObjectStore objectStore) {
        this(runners, objectStore, null);
    }

    /**
     * @param dataDir where state machines and execution journals are kept, or null to keep them in memory;
     *                open executions found there resume from their last checkpoint
     */
    public StepFunctionsService(TaskRunners runners, ObjectStore objectStore, java.nio.file.Path dataDir) {
        StartExecutionRunner startExecution = new StartExecutionRunner(this);
        TaskRunners external = runners == null ? s -> Optional.empty() : runners;
        this.runners = service -> "states".equals(service) ? Optional.of(startExecution) : external.forService(service);
        this.distributedMaps = new DistributedMaps(this, objectStore);
        this.journal = dataDir == null ? null : new ExecutionJournal(dataDir);
        if (journal != null) restore();
    }

    private final ExecutionJournal journal;
    private volatile boolean closing;

    /** Loads the data directory: state machines, finished executions as they were, open ones resumed. */
    private void restore() {
        for (JsonNode m : journal.loadMachines()) {
            String definition = m.path("definition").asText();
            StateMachineRecord r = new StateMachineRecord(m.path("arn").asText(), m.path("name").asText(), m.path("type").asText(),
                    definition, StateMachineDefinition.parse(definition), m.path("roleArn").asText(),
                    Instant.ofEpochMilli(m.path("creationDate").asLong()));
            machines.put(r.arn, r);
        }
        List<ExecutionRecord> resume = new ArrayList<>();
        List<ExecutionJournal.Stored> stored = new ArrayList<>(journal.loadExecutions());
        stored.sort(Comparator.comparingLong(s -> s.meta().path("startDate").asLong()));
        for (ExecutionJournal.Stored st : stored) {
            JsonNode meta = st.meta();
            StateMachineRecord m = machines.get(meta.path("machineArn").asText());
            if (m == null) continue;
            String arn = meta.path("arn").asText();
            History history = new History(e -> journal.appendEvent(arn, e));
            st.events().forEach(history::restore);
            ExecutionRecord ex = new ExecutionRecord(arn, meta.path("name").asText(), m, m.parsed, meta.path("input").asText(),
                    Instant.ofEpochMilli(meta.path("startDate").asLong()), history, meta.path("mapRunArn").asText(null),
                    meta.path("parentArn").asText(null));
            ex.redriveCount = meta.path("redriveCount").asInt();
            ex.variables = new Variables(null);
            for (History.Event e : st.events()) {
                switch (e.type()) {
                    case "ExecutionSucceeded" -> close(ex, "SUCCEEDED", e);
                    case "ExecutionFailed" -> close(ex, "FAILED", e);
                    case "ExecutionTimedOut" -> close(ex, "TIMED_OUT", e);
                    case "ExecutionAborted" -> close(ex, "ABORTED", e);
                    case "ExecutionRedriven" -> ex.status = "RUNNING";
                    default -> { }
                }
            }
            JsonNode cp = st.checkpoint();
            if (cp != null) {
                ex.lastState = cp.path("state").asText();
                ex.lastStateInput = cp.get("input");
                Map<String, JsonNode> vars = new java.util.LinkedHashMap<>();
                cp.path("variables").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue()));
                ex.variables.assignAll(vars);
            }
            executions.put(arn, ex);
            executionOrder.add(ex);
            if (ex.open()) {
                if (ex.mapRunArn != null) {
                    finish(ex, null, "ABORTED", null, "States.Aborted", "The emulator restarted; the parent's Map state runs again.");
                    ex.done.countDown();
                } else {
                    resume.add(ex);
                }
            } else {
                ex.done.countDown();
            }
        }
        for (ExecutionRecord ex : resume) {
            JsonNode input = parseInput(ex.input);
            String from = ex.lastState != null && ex.definition.block.states.containsKey(ex.lastState) ? ex.lastState : ex.definition.block.startAt;
            launch(ex, input, from, ex.lastState != null ? ex.lastStateInput : input);
        }
    }

    private static void close(ExecutionRecord ex, String status, History.Event e) {
        ex.status = status;
        ex.stopDate = e.timestamp();
        ObjectNode d = e.details();
        ex.output = d == null ? null : d.path("output").asText(null);
        ex.error = d == null ? null : d.path("error").asText(null);
        ex.cause = d == null ? null : d.path("cause").asText(null);
    }

    public JsonNode handle(String operation, ObjectNode req) {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(req);
            case "UpdateStateMachine" -> updateStateMachine(req);
            case "DescribeStateMachine" -> describeStateMachine(req);
            case "DescribeStateMachineForExecution" -> describeStateMachine(Json.object().put("stateMachineArn",
                    execution(req.path("executionArn").asText()).machine.arn));
            case "ListStateMachines" -> listStateMachines(req);
            case "DeleteStateMachine" -> deleteStateMachine(req);
            case "StartExecution" -> startExecution(req);
            case "StartSyncExecution" -> startSyncExecution(req);
            case "DescribeExecution" -> describeExecution(req);
            case "ListExecutions" -> listExecutions(req);
            case "StopExecution" -> stopExecution(req);
            case "GetExecutionHistory" -> getExecutionHistory(req);
            case "SendTaskSuccess" -> sendTaskSuccess(req);
            case "SendTaskFailure" -> sendTaskFailure(req);
            case "SendTaskHeartbeat" -> sendTaskHeartbeat(req);
            case "DescribeMapRun" -> describeMapRun(req);
            case "ListMapRuns" -> listMapRuns(req);
            case "RedriveExecution" -> redriveExecution(req);
            case "ValidateStateMachineDefinition" -> validateDefinition(req);
            case "ListTagsForResource" -> Json.object().set("tags", Json.array());
            case "TagResource", "UntagResource" -> Json.object();
            default -> throw new ApiException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    // ---- state machines ----

    private JsonNode createStateMachine(ObjectNode req) {
        String name = required(req, "name");
        if (!NAME.matcher(name).matches()) throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        String definition = required(req, "definition");
        String type = req.path("type").asText("STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) throw ApiException.validation("Invalid type: " + type);
        StateMachineDefinition parsed = parse(definition);
        String arn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
        String role = req.path("roleArn").asText(DEFAULT_ROLE);
        StateMachineRecord created = new StateMachineRecord(arn, name, type, definition, parsed, role, Instant.now());
        StateMachineRecord existing = machines.putIfAbsent(arn, created);
        if (existing != null) {
            if (!existing.definition.equals(definition) || !existing.type.equals(type) || !existing.roleArn.equals(role)) {
                throw new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            created = existing;
        } else if (journal != null) {
            journal.saveMachine(created);
        }
        ObjectNode out = Json.object();
        out.put("stateMachineArn", created.arn);
        out.put("creationDate", epoch(created.creationDate));
        return out;
    }

    private JsonNode validateDefinition(ObjectNode req) {
        ObjectNode out = Json.object();
        ArrayNode diagnostics = out.putArray("diagnostics");
        try {
            StateMachineDefinition.parse(required(req, "definition"));
            out.put("result", "OK");
        } catch (InvalidDefinitionException e) {
            out.put("result", "FAIL");
            ObjectNode d = diagnostics.addObject();
            d.put("severity", "ERROR");
            d.put("code", e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "SCHEMA_VALIDATION_FAILED");
            d.put("message", e.getMessage());
        }
        return out;
    }

    private static StateMachineDefinition parse(String definition) {
        try {
            return StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    private JsonNode updateStateMachine(ObjectNode req) {
        StateMachineRecord m = machine(required(req, "stateMachineArn"));
        if (req.hasNonNull("definition")) {
            String definition = req.get("definition").asText();
            m.parsed = parse(definition);
            m.definition = definition;
        }
        if (req.hasNonNull("roleArn")) m.roleArn = req.get("roleArn").asText();
        m.updateDate = Instant.now();
        m.revisionId = UUID.randomUUID().toString();
        if (journal != null) journal.saveMachine(m);
        ObjectNode out = Json.object();
        out.put("updateDate", epoch(m.updateDate));
        out.put("revisionId", m.revisionId);
        return out;
    }

    private JsonNode describeStateMachine(ObjectNode req) {
        StateMachineRecord m = machine(required(req, "stateMachineArn"));
        ObjectNode out = Json.object();
        out.put("stateMachineArn", m.arn);
        out.put("name", m.name);
        out.put("status", m.status);
        out.put("definition", m.definition);
        out.put("roleArn", m.roleArn);
        out.put("type", m.type);
        out.put("creationDate", epoch(m.creationDate));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        out.put("revisionId", m.revisionId);
        return out;
    }

    private JsonNode listStateMachines(ObjectNode req) {
        List<StateMachineRecord> all = new ArrayList<>(machines.values());
        all.sort(Comparator.comparing(m -> m.name));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("stateMachines");
        Page page = Page.of(req, all.size());
        for (int i = page.from; i < page.to; i++) {
            StateMachineRecord m = all.get(i);
            list.addObject().put("stateMachineArn", m.arn).put("name", m.name).put("type", m.type).put("creationDate", epoch(m.creationDate));
        }
        page.next(out);
        return out;
    }

    private JsonNode deleteStateMachine(ObjectNode req) {
        String arn = required(req, "stateMachineArn");
        if (!arn.startsWith("arn:aws:states:")) throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
        StateMachineRecord removed = machines.remove(arn);
        if (removed != null && journal != null) journal.deleteMachine(removed.name);
        return Json.object();
    }

    StateMachineRecord machine(String arn) {
        StateMachineRecord m = machines.get(arn);
        if (m == null) {
            if (!arn.startsWith("arn:aws:states:")) throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
            throw new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return m;
    }

    // ---- executions ----

    private JsonNode startExecution(ObjectNode req) {
        StateMachineRecord m = machine(required(req, "stateMachineArn"));
        String name = req.hasNonNull("name") ? req.get("name").asText() : UUID.randomUUID().toString();
        String input = req.hasNonNull("input") ? req.get("input").asText() : "{}";
        ExecutionRecord ex = start(m, name, input, null, null);
        ObjectNode out = Json.object();
        out.put("executionArn", ex.arn);
        out.put("startDate", epoch(ex.startDate));
        return out;
    }

    /** Starts an execution; the same name with the same input while it is open returns it, as on AWS. */
    ExecutionRecord start(StateMachineRecord m, String name, String input, String mapRunArn, String parentArn) {
        if (!NAME.matcher(name).matches()) throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        JsonNode inputNode = parseInput(input);
        String kind = m.type.equals("EXPRESS") ? "express" : "execution";
        String arn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":" + kind + ":" + m.name + ":" + name;
        return start(arn, name, m, m.parsed, input, inputNode, mapRunArn, parentArn);
    }

    ExecutionRecord start(String arn, String name, StateMachineRecord m, StateMachineDefinition definition, String input, JsonNode inputNode,
                          String mapRunArn, String parentArn) {
        // Map Run children are not journalled: after a restart their parent's Map state runs again.
        boolean journalled = journal != null && mapRunArn == null;
        History history = new History(journalled ? e -> journal.appendEvent(arn, e) : null);
        ExecutionRecord ex = new ExecutionRecord(arn, name, m, definition, input, Instant.now(), history, mapRunArn, parentArn);
        ExecutionRecord existing = executions.putIfAbsent(arn, ex);
        if (existing != null) {
            if (existing.open() && existing.input.equals(input)) return existing;
            throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        if (journalled) journal.saveExecution(ex);
        executionOrder.add(ex);
        ex.variables = new Variables(null);
        ObjectNode started = Json.object();
        started.put("input", input);
        started.putObject("inputDetails").put("truncated", false);
        started.put("roleArn", m.roleArn);
        started.put("stateMachineArn", m.arn);
        ex.history.add(0, "ExecutionStarted", "executionStartedEventDetails", started);
        launch(ex, inputNode, definition.block.startAt, inputNode);
        return ex;
    }

    private void launch(ExecutionRecord ex, JsonNode executionInput, String from, JsonNode stateInput) {
        if (ex.definition.timeoutSeconds != null) {
            timer.schedule(() -> timeOut(ex), ex.definition.timeoutSeconds, TimeUnit.SECONDS);
        }
        ex.thread = Thread.ofVirtual().name("sfn-" + ex.name).start(() -> run(ex, executionInput, from, stateInput));
    }

    private void run(ExecutionRecord ex, JsonNode executionInput, String from, JsonNode stateInput) {
        StateMachineRecord m = ex.machine;
        ExecutionContext ctx = new ExecutionContext(ex.arn, ex.name, executionInput, ex.startDate, m.roleArn, m.arn, m.name,
                ex.redriveCount, REGION, ACCOUNT, ex.history, runners, tokens, distributedMaps);
        ctx.redriveTime = ex.redriveDate;
        Lane lane = new Lane(ex.history, ex.history.lastId());
        Frame frame = new Frame(ctx, ex.variables, lane, ex.definition.language);
        try {
            boolean journalled = journal != null && ex.mapRunArn == null;
            JsonNode out = ex.definition.block.run(frame, stateInput, from, (state, input) -> {
                ex.lastState = state;
                ex.lastStateInput = input;
                if (journalled) journal.checkpoint(ex.arn, state, input, ex.variables.visible());
            });
            if (ex.stopRequested) return;
            finish(ex, lane, "SUCCEEDED", Json.write(out), null, null);
        } catch (StatesError e) {
            finish(ex, lane, "FAILED", null, e.error(), e.cause());
        } catch (InterruptedException e) {
            // On shutdown an open execution stays open in the journal, to resume on the next start.
            if (!ex.open() || closing) return;
            finish(ex, lane, "ABORTED", null, null, null);
        } catch (RuntimeException e) {
            finish(ex, lane, "FAILED", null, "States.Runtime", String.valueOf(e));
        } finally {
            ex.done.countDown();
        }
    }

    /** Closes an execution once: the first of success, failure, stop or timeout wins. */
    private void finish(ExecutionRecord ex, Lane lane, String status, String output, String error, String cause) {
        synchronized (ex) {
            if (!ex.open()) return;
            ObjectNode d = Json.object();
            String type;
            String key;
            switch (status) {
                case "SUCCEEDED" -> {
                    type = "ExecutionSucceeded";
                    key = "executionSucceededEventDetails";
                    d.put("output", output);
                    d.putObject("outputDetails").put("truncated", false);
                }
                case "FAILED" -> {
                    type = "ExecutionFailed";
                    key = "executionFailedEventDetails";
                }
                case "TIMED_OUT" -> {
                    type = "ExecutionTimedOut";
                    key = "executionTimedOutEventDetails";
                }
                default -> {
                    type = "ExecutionAborted";
                    key = "executionAbortedEventDetails";
                }
            }
            if (error != null) d.put("error", error);
            if (cause != null) d.put("cause", cause);
            long previous = lane != null ? lane.last() : ex.history.lastId();
            ex.history.add(previous, type, key, d);
            ex.output = output;
            ex.error = error;
            ex.cause = cause;
            ex.stopDate = Instant.now();
            ex.status = status;
        }
    }

    private void timeOut(ExecutionRecord ex) {
        if (!ex.open()) return;
        ex.timedOut = true;
        finish(ex, null, "TIMED_OUT", null, "States.Timeout", "The execution timed out (TimeoutSeconds: " + ex.definition.timeoutSeconds + ").");
        Thread t = ex.thread;
        if (t != null) t.interrupt();
    }

    void stop(ExecutionRecord ex, String error, String cause) {
        ex.stopRequested = true;
        finish(ex, null, "ABORTED", null, error, cause);
        Thread t = ex.thread;
        if (t != null) t.interrupt();
    }

    private JsonNode startSyncExecution(ObjectNode req) {
        StateMachineRecord m = machine(required(req, "stateMachineArn"));
        if (!m.type.equals("EXPRESS")) {
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        String name = req.hasNonNull("name") ? req.get("name").asText() : UUID.randomUUID().toString();
        ExecutionRecord ex = start(m, name, req.hasNonNull("input") ? req.get("input").asText() : "{}", null, null);
        try {
            ex.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("ServiceException", "interrupted", 500);
        }
        ObjectNode out = describe(ex);
        out.remove("redriveCount");
        out.remove("redriveStatus");
        ObjectNode billing = out.putObject("billingDetails");
        billing.put("billedMemoryUsedInMB", 64);
        billing.put("billedDurationInMilliseconds", Math.max(100, ex.stopDate.toEpochMilli() - ex.startDate.toEpochMilli()));
        return out;
    }

    private JsonNode describeExecution(ObjectNode req) {
        return describe(execution(required(req, "executionArn")));
    }

    ObjectNode describe(ExecutionRecord ex) {
        ObjectNode out = Json.object();
        out.put("executionArn", ex.arn);
        out.put("stateMachineArn", ex.machine.arn);
        out.put("name", ex.name);
        out.put("status", ex.status);
        out.put("startDate", epoch(ex.startDate));
        if (ex.stopDate != null) out.put("stopDate", epoch(ex.stopDate));
        out.put("input", ex.input);
        out.putObject("inputDetails").put("included", true);
        if (ex.output != null) {
            out.put("output", ex.output);
            out.putObject("outputDetails").put("included", true);
        }
        if (ex.error != null) out.put("error", ex.error);
        if (ex.cause != null) out.put("cause", ex.cause);
        if (ex.mapRunArn != null) out.put("mapRunArn", ex.mapRunArn);
        out.put("redriveCount", ex.redriveCount);
        if (ex.redriveDate != null) out.put("redriveDate", epoch(ex.redriveDate));
        out.put("redriveStatus", redrivable(ex) == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        return out;
    }

    ExecutionRecord execution(String arn) {
        ExecutionRecord ex = executions.get(arn);
        if (ex == null) {
            if (!arn.startsWith("arn:aws:states:")) throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
            throw new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return ex;
    }

    private JsonNode listExecutions(ObjectNode req) {
        String machineArn = req.path("stateMachineArn").asText(null);
        String mapRunArn = req.path("mapRunArn").asText(null);
        if (machineArn == null && mapRunArn == null) throw ApiException.validation("stateMachineArn or mapRunArn is required");
        if (machineArn != null) machine(machineArn);
        String statusFilter = req.path("statusFilter").asText(null);
        List<ExecutionRecord> selected = new ArrayList<>();
        for (ExecutionRecord ex : snapshot()) {
            if (machineArn != null && (!ex.machine.arn.equals(machineArn) || ex.mapRunArn != null)) continue;
            if (mapRunArn != null && !mapRunArn.equals(ex.mapRunArn)) continue;
            if (statusFilter != null && !statusFilter.equals(ex.status)) continue;
            selected.add(ex);
        }
        java.util.Collections.reverse(selected);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("executions");
        Page page = Page.of(req, selected.size());
        for (int i = page.from; i < page.to; i++) {
            ExecutionRecord ex = selected.get(i);
            ObjectNode e = list.addObject();
            e.put("executionArn", ex.arn);
            e.put("stateMachineArn", ex.machine.arn);
            e.put("name", ex.name);
            e.put("status", ex.status);
            e.put("startDate", epoch(ex.startDate));
            if (ex.stopDate != null) e.put("stopDate", epoch(ex.stopDate));
            if (ex.mapRunArn != null) e.put("mapRunArn", ex.mapRunArn);
            e.put("redriveCount", ex.redriveCount);
        }
        page.next(out);
        return out;
    }

    private JsonNode stopExecution(ObjectNode req) {
        ExecutionRecord ex = execution(required(req, "executionArn"));
        if (ex.open()) stop(ex, req.path("error").asText(null), req.path("cause").asText(null));
        ObjectNode out = Json.object();
        out.put("stopDate", epoch(ex.stopDate != null ? ex.stopDate : Instant.now()));
        return out;
    }

    private JsonNode getExecutionHistory(ObjectNode req) {
        ExecutionRecord ex = execution(required(req, "executionArn"));
        List<History.Event> events = new ArrayList<>(ex.history.events());
        if (req.path("reverseOrder").asBoolean(false)) java.util.Collections.reverse(events);
        boolean includeData = req.path("includeExecutionData").asBoolean(true);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        Page page = Page.of(req, events.size());
        for (int i = page.from; i < page.to; i++) {
            History.Event e = events.get(i);
            ObjectNode o = list.addObject();
            o.put("timestamp", epoch(e.timestamp()));
            o.put("type", e.type());
            o.put("id", e.id());
            o.put("previousEventId", e.previousEventId());
            if (e.detailsKey() != null && e.details() != null) {
                ObjectNode d = e.details().deepCopy();
                if (!includeData) {
                    d.remove("input");
                    d.remove("output");
                    d.remove("parameters");
                }
                o.set(e.detailsKey(), d);
            }
        }
        page.next(out);
        return out;
    }

    // ---- task tokens ----

    private JsonNode sendTaskSuccess(ObjectNode req) {
        String token = required(req, "taskToken");
        String output = required(req, "output");
        JsonNode value;
        try {
            value = Json.parse(output);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidOutput", "Invalid Output: '" + output + "'");
        }
        if (!tokens.succeed(token, value)) throw taskDoesNotExist(token);
        return Json.object();
    }

    private JsonNode sendTaskFailure(ObjectNode req) {
        String token = required(req, "taskToken");
        if (!tokens.fail(token, req.path("error").asText(null), req.path("cause").asText(null))) throw taskDoesNotExist(token);
        return Json.object();
    }

    private JsonNode sendTaskHeartbeat(ObjectNode req) {
        String token = required(req, "taskToken");
        if (!tokens.heartbeat(token)) throw taskDoesNotExist(token);
        return Json.object();
    }

    private static ApiException taskDoesNotExist(String token) {
        if (token.length() < 1 || token.length() > 2048) return new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
        return new ApiException("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
    }

    // ---- map runs ----

    private JsonNode describeMapRun(ObjectNode req) {
        String arn = required(req, "mapRunArn");
        MapRunRecord r = mapRuns.get(arn);
        if (r == null) throw new ApiException("ResourceNotFound", "Resource not found: '" + arn + "'");
        return r.describe();
    }

    private JsonNode listMapRuns(ObjectNode req) {
        ExecutionRecord ex = execution(required(req, "executionArn"));
        List<MapRunRecord> runs = new ArrayList<>();
        for (MapRunRecord r : mapRuns.values()) if (r.executionArn.equals(ex.arn)) runs.add(r);
        runs.sort(Comparator.comparing((MapRunRecord r) -> r.startDate).reversed());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("mapRuns");
        Page page = Page.of(req, runs.size());
        for (int i = page.from; i < page.to; i++) {
            MapRunRecord r = runs.get(i);
            ObjectNode o = list.addObject();
            o.put("executionArn", r.executionArn);
            o.put("mapRunArn", r.arn);
            o.put("stateMachineArn", r.stateMachineArn);
            o.put("startDate", epoch(r.startDate));
            if (r.stopDate != null) o.put("stopDate", epoch(r.stopDate));
        }
        page.next(out);
        return out;
    }

    // ---- redrive ----

    private String redrivable(ExecutionRecord ex) {
        if (ex.machine.type.equals("EXPRESS")) return "Express executions cannot be redriven";
        if (ex.open()) return "Execution is RUNNING and cannot be redriven";
        if (ex.status.equals("SUCCEEDED")) return "Execution is SUCCEEDED and cannot be redriven";
        if (ex.lastState == null) return "Execution has no state to redrive from";
        if (ex.mapRunArn != null) return "Child executions of a Map Run are redriven with their parent";
        return null;
    }

    private JsonNode redriveExecution(ObjectNode req) {
        ExecutionRecord ex = execution(required(req, "executionArn"));
        synchronized (ex) {
            String reason = redrivable(ex);
            if (reason != null) throw new ApiException("ExecutionNotRedrivable", reason);
            ex.redriveCount++;
            ex.redriveDate = Instant.now();
            ex.status = "RUNNING";
            ex.stopDate = null;
            ex.output = null;
            ex.error = null;
            ex.cause = null;
            ex.stopRequested = false;
            ex.timedOut = false;
            ex.done = new java.util.concurrent.CountDownLatch(1);
            ObjectNode d = Json.object();
            d.put("redriveCount", ex.redriveCount);
            ex.history.add(ex.history.lastId(), "ExecutionRedriven", "executionRedrivenEventDetails", d);
            if (journal != null && ex.mapRunArn == null) journal.saveExecution(ex);
        }
        launch(ex, parseInput(ex.input), ex.lastState, ex.lastStateInput);
        ObjectNode out = Json.object();
        out.put("redriveDate", epoch(ex.redriveDate));
        return out;
    }

    // ---- helpers ----

    static JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > Json.MAX_PAYLOAD_BYTES) {
            throw new ApiException("InvalidExecutionInput", "Input exceeds the maximum size of " + Json.MAX_PAYLOAD_BYTES + " bytes");
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
    }

    static String required(ObjectNode req, String field) {
        JsonNode n = req.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        return n.asText();
    }

    /** Epoch seconds with milliseconds, the AWS JSON protocol's timestamp form. */
    static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    TaskRunners runners() {
        return runners;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        for (ExecutionRecord ex : snapshot()) {
            Thread t = ex.thread;
            if (t != null) t.interrupt();
        }
    }

    private List<ExecutionRecord> snapshot() {
        synchronized (executionOrder) {
            return new ArrayList<>(executionOrder);
        }
    }

    /** maxResults/nextToken paging over a list: the token is the next offset. */
    record Page(int from, int to, int total) {
        static Page of(ObjectNode req, int total) {
            int max = req.path("maxResults").asInt(0);
            if (max <= 0) max = 100;
            max = Math.min(max, 1000);
            int from = 0;
            if (req.hasNonNull("nextToken")) {
                try {
                    from = Integer.parseInt(new String(java.util.Base64.getDecoder().decode(req.get("nextToken").asText()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ApiException("InvalidToken", "Invalid Token: '" + req.get("nextToken").asText() + "'");
                }
            }
            from = Math.max(0, Math.min(from, total));
            return new Page(from, Math.min(total, from + max), total);
        }

        void next(ObjectNode out) {
            if (to < total) out.put("nextToken", java.util.Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
