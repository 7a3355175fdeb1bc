package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.definition.StateMachineDefinition;
import ichibyo.sfn.history.History;
import ichibyo.sfn.query.Variables;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** One execution: identity, status, result, its history, and what a redrive needs to resume. */
final class ExecutionRecord {
    final String arn;
    final String name;
    final StateMachineRecord machine;
    final StateMachineDefinition definition;
    final String input;
    final Instant startDate;
    final History history;
    final String mapRunArn;
    final String parentArn;
    volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    volatile Instant stopDate;
    volatile String output;
    volatile String error;
    volatile String cause;
    volatile Thread thread;
    volatile boolean stopRequested;
    volatile boolean timedOut;
    volatile int redriveCount;
    volatile Instant redriveDate;
    /** Top-level state last entered and its input: where a redrive resumes. */
    volatile String lastState;
    volatile JsonNode lastStateInput;
    volatile Variables variables;
    volatile CountDownLatch done = new CountDownLatch(1);

    ExecutionRecord(String arn, String name, StateMachineRecord machine, StateMachineDefinition definition, String input,
                    Instant startDate, History history, String mapRunArn, String parentArn) {
        this.arn = arn;
        this.name = name;
        this.machine = machine;
        this.definition = definition;
        this.input = input;
        this.startDate = startDate;
        this.history = history;
        this.mapRunArn = mapRunArn;
        this.parentArn = parentArn;
    }

    /** Why a redrive is refused, or null when the execution can be redriven. */
    String notRedrivableReason() {
        if (machine.express()) return "Express executions cannot be redriven";
        if (open()) return "Execution is RUNNING and cannot be redriven";
        if (status == ExecutionStatus.SUCCEEDED) return "Execution is SUCCEEDED and cannot be redriven";
        if (lastState == null) return "Execution has no state to redrive from";
        if (mapRunArn != null) return "Child executions of a Map Run are redriven with their parent";
        return null;
    }

    boolean open() {
        return status == ExecutionStatus.RUNNING;
    }
}
