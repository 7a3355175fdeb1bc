package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution. */
final class ExecutionOperations {
    private final Store store;
    private final Executions executions;

    ExecutionOperations(Store store, Executions executions) {
        this.store = store;
        this.executions = executions;
    }

    JsonNode start(ObjectNode req) {
        StateMachineRecord m = store.machine(Requests.required(req, "stateMachineArn"));
        String name = req.hasNonNull("name") ? req.get("name").asText() : UUID.randomUUID().toString();
        String input = req.hasNonNull("input") ? req.get("input").asText() : "{}";
        ExecutionRecord ex = executions.start(m, name, input, null, null);
        ObjectNode out = Json.object();
        out.put("executionArn", ex.arn);
        out.put("startDate", Requests.epoch(ex.startDate));
        return out;
    }

    JsonNode startSync(ObjectNode req) {
        StateMachineRecord m = store.machine(Requests.required(req, "stateMachineArn"));
        if (!m.express()) {
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        String name = req.hasNonNull("name") ? req.get("name").asText() : UUID.randomUUID().toString();
        ExecutionRecord ex = executions.start(m, name, req.hasNonNull("input") ? req.get("input").asText() : "{}", null, null);
        try {
            ex.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("ServiceException", "interrupted", 500);
        }
        ObjectNode out = executions.describe(ex);
        out.remove("redriveCount");
        out.remove("redriveStatus");
        ObjectNode billing = out.putObject("billingDetails");
        billing.put("billedMemoryUsedInMB", 64);
        billing.put("billedDurationInMilliseconds", Math.max(100, ex.stopDate.toEpochMilli() - ex.startDate.toEpochMilli()));
        return out;
    }

    JsonNode describe(ObjectNode req) {
        return executions.describe(store.execution(Requests.required(req, "executionArn")));
    }

    JsonNode list(ObjectNode req) {
        String machineArn = req.path("stateMachineArn").asText(null);
        String mapRunArn = req.path("mapRunArn").asText(null);
        if (machineArn == null && mapRunArn == null) throw ApiException.validation("stateMachineArn or mapRunArn is required");
        if (machineArn != null) store.machine(machineArn);
        String statusFilter = req.path("statusFilter").asText(null);
        List<ExecutionRecord> selected = new ArrayList<>();
        for (ExecutionRecord ex : store.snapshot()) {
            if (machineArn != null && (!ex.machine.arn.equals(machineArn) || ex.mapRunArn != null)) continue;
            if (mapRunArn != null && !mapRunArn.equals(ex.mapRunArn)) continue;
            if (statusFilter != null && !statusFilter.equals(ex.status.name())) continue;
            selected.add(ex);
        }
        Collections.reverse(selected);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("executions");
        Requests.Page page = Requests.Page.of(req, selected.size());
        for (int i = page.from(); i < page.to(); i++) {
            ExecutionRecord ex = selected.get(i);
            ObjectNode e = list.addObject();
            e.put("executionArn", ex.arn);
            e.put("stateMachineArn", ex.machine.arn);
            e.put("name", ex.name);
            e.put("status", ex.status.name());
            e.put("startDate", Requests.epoch(ex.startDate));
            if (ex.stopDate != null) e.put("stopDate", Requests.epoch(ex.stopDate));
            if (ex.mapRunArn != null) e.put("mapRunArn", ex.mapRunArn);
            e.put("redriveCount", ex.redriveCount);
        }
        page.next(out);
        return out;
    }

    JsonNode stop(ObjectNode req) {
        ExecutionRecord ex = store.execution(Requests.required(req, "executionArn"));
        if (ex.open()) executions.stop(ex, req.path("error").asText(null), req.path("cause").asText(null));
        ObjectNode out = Json.object();
        out.put("stopDate", Requests.epoch(ex.stopDate != null ? ex.stopDate : Instant.now()));
        return out;
    }
}
