package ichibyo.sfn.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The state machines, executions and Map Runs of the service, in memory (the journal keeps a copy on disk). */
final class Store {
    final Map<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
    final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    /** Executions in start order; appended to by many threads (a Distributed Map starts thousands). */
    private final List<ExecutionRecord> executionOrder = Collections.synchronizedList(new ArrayList<>());
    final Map<String, MapRunRecord> mapRuns = new ConcurrentHashMap<>();

    StateMachineRecord machine(String arn) {
        StateMachineRecord m = machines.get(arn);
        if (m == null) {
            throw Requests.unknown(arn, new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
        }
        return m;
    }

    ExecutionRecord execution(String arn) {
        ExecutionRecord ex = executions.get(arn);
        if (ex == null) throw Requests.unknown(arn, new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
        return ex;
    }

    void added(ExecutionRecord ex) {
        executionOrder.add(ex);
    }

    /** Every execution, in start order. */
    List<ExecutionRecord> snapshot() {
        synchronized (executionOrder) {
            return new ArrayList<>(executionOrder);
        }
    }
}
