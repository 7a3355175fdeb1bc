package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** DescribeMapRun and ListMapRuns. */
final class MapRunOperations {
    private final Store store;

    MapRunOperations(Store store) {
        this.store = store;
    }

    JsonNode describe(ObjectNode req) {
        String arn = Requests.required(req, "mapRunArn");
        MapRunRecord r = store.mapRuns.get(arn);
        if (r == null) throw new ApiException("ResourceNotFound", "Resource not found: '" + arn + "'");
        return r.describe();
    }

    JsonNode list(ObjectNode req) {
        ExecutionRecord ex = store.execution(Requests.required(req, "executionArn"));
        List<MapRunRecord> runs = new ArrayList<>();
        for (MapRunRecord r : store.mapRuns.values()) if (r.executionArn.equals(ex.arn)) runs.add(r);
        runs.sort(Comparator.comparing((MapRunRecord r) -> r.startDate).reversed());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("mapRuns");
        Requests.Page page = Requests.Page.of(req, runs.size());
        for (int i = page.from(); i < page.to(); i++) {
            MapRunRecord r = runs.get(i);
            ObjectNode o = list.addObject();
            o.put("executionArn", r.executionArn);
            o.put("mapRunArn", r.arn);
            o.put("stateMachineArn", r.stateMachineArn);
            o.put("startDate", Requests.epoch(r.startDate));
            if (r.stopDate != null) o.put("stopDate", Requests.epoch(r.stopDate));
        }
        page.next(out);
        return out;
    }
}
