package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;

/**
 * RedriveExecution: a failed, aborted or timed-out STANDARD execution runs again from the state it last
 * entered; a Distributed Map it re-enters reruns only its unsuccessful and not-started children.
 */
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
            executions.redrive(ex);
        }
        ObjectNode out = Json.object();
        out.put("redriveDate", Requests.epoch(ex.redriveDate));
        return out;
    }
}
