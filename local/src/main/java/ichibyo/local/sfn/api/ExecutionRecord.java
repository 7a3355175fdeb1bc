package ichibyo.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.sfn.asl.History;
import ichibyo.local.sfn.asl.StateMachineDefinition;
import ichibyo.local.sfn.asl.Variables;
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
    volatile String status = "RUNNING";
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

    boolean open() {
        return "RUNNING".equals(status);
    }
}
