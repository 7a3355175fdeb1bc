package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** RedriveExecution: a failed, aborted or timed-out STANDARD execution runs again from the state it last entered. */
final class Redrive {
    private final Store store;
    private final Executions executions;

    Redrive(Store store, Executions executions) {
        this.store = store;
        this.executions = executions;
    }

    JsonNode redrive(ObjectNode req) {
        ExecutionRecord ex = store.execution(Requests.required(req, "executionArn"));
        synchronized (ex) {
            String reason = ex.notRedrivableReason();
            if (reason != null) throw new ApiException("ExecutionNotRedrivable", reason);
            ex.redriveCount++;
            ex.redriveDate = Instant.now();
            ex.status = ExecutionStatus.RUNNING;
            ex.stopDate = null;
            ex.output = null;
            ex.error = null;
            ex.cause = null;
            ex.stopRequested = false;
            ex.timedOut = false;
            ex.done = new CountDownLatch(1);
            ObjectNode d = Json.object();
            d.put("redriveCount", ex.redriveCount);
            ex.history.add(ex.history.lastId(), "ExecutionRedriven", "executionRedrivenEventDetails", d);
            if (executions.journalled(ex)) executions.journal.saveExecution(ex);
        }
        executions.launch(ex, Requests.parseInput(ex.input), ex.lastState, ex.lastStateInput);
        ObjectNode out = Json.object();
        out.put("redriveDate", Requests.epoch(ex.redriveDate));
        return out;
    }
}
