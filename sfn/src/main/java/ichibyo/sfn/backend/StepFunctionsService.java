package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.TaskTokens;
import ichibyo.sfn.state.map.ObjectStore;
import ichibyo.sfn.task.TaskRunners;
import java.nio.file.Path;
import java.util.List;

/**
 * The Step Functions service behind the HTTP API: state machines, executions and their histories,
 * task tokens and Map Runs. Each operation takes and returns the API's JSON shapes; the operation
 * groups are classes of their own in this package.
 */
public final class StepFunctionsService implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private final Executions executions;
    private final StateMachineOperations machines;
    private final ExecutionOperations executionOps;
    private final HistoryOperations history;
    private final MapRunOperations mapRuns;
    private final TaskTokenOperations tokens;
    private final Redrive redrive;
    private List<ExecutionRecord> toResume = List.of();

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
    public StepFunctionsService(TaskRunners runners, ObjectStore objectStore, Path dataDir) {
        this(runners, objectStore, dataDir, true);
    }

    /**
     * @param dataDir    as {@link #StepFunctionsService(TaskRunners, ObjectStore, Path)}
     * @param resumeNow  false to resume the open executions only on {@link #resumeOpenExecutions()}, once the task
     *                   integrations they call (functions, tasks) are ready
     */
    public StepFunctionsService(TaskRunners runners, ObjectStore objectStore, Path dataDir, boolean resumeNow) {
        Store store = new Store();
        ExecutionJournal journal = dataDir == null ? null : new ExecutionJournal(dataDir);
        this.executions = new Executions(store, journal, runners, objectStore);
        this.machines = new StateMachineOperations(store, journal);
        this.executionOps = new ExecutionOperations(store, executions);
        this.history = new HistoryOperations(store);
        this.mapRuns = new MapRunOperations(store);
        this.tokens = new TaskTokenOperations(executions.tokens());
        this.redrive = new Redrive(store, executions);
        if (journal != null) toResume = Restore.restore(journal, store, executions);
        if (resumeNow) resumeOpenExecutions();
    }

    /** Runs on the executions that were open when the data directory was last used (once; later calls do nothing). */
    public synchronized int resumeOpenExecutions() {
        List<ExecutionRecord> open = toResume;
        toResume = List.of();
        Restore.resume(open, executions);
        return open.size();
    }

    /** Runs one API operation, e.g. {@code StartExecution}; errors are {@link ApiException}s. */
    public JsonNode handle(String operation, ObjectNode req) {
        return switch (operation) {
            case "CreateStateMachine" -> machines.create(req);
            case "UpdateStateMachine" -> machines.update(req);
            case "DescribeStateMachine" -> machines.describe(req);
            case "DescribeStateMachineForExecution" -> machines.describeForExecution(req);
            case "ListStateMachines" -> machines.list(req);
            case "DeleteStateMachine" -> machines.delete(req);
            case "ValidateStateMachineDefinition" -> machines.validate(req);
            case "StartExecution" -> executionOps.start(req);
            case "StartSyncExecution" -> executionOps.startSync(req);
            case "DescribeExecution" -> executionOps.describe(req);
            case "ListExecutions" -> executionOps.list(req);
            case "StopExecution" -> executionOps.stop(req);
            case "GetExecutionHistory" -> history.get(req);
            case "SendTaskSuccess" -> tokens.success(req);
            case "SendTaskFailure" -> tokens.failure(req);
            case "SendTaskHeartbeat" -> tokens.heartbeat(req);
            case "DescribeMapRun" -> mapRuns.describe(req);
            case "ListMapRuns" -> mapRuns.list(req);
            case "RedriveExecution" -> redrive.redrive(req);
            case "ListTagsForResource" -> Json.object().set("tags", Json.array());
            case "TagResource", "UntagResource" -> Json.object();
            default -> throw new ApiException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    public TaskTokens tokens() {
        return executions.tokens();
    }

    @Override
    public void close() {
        executions.close();
    }
}
