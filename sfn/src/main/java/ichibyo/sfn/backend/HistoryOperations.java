package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.history.History;
import ichibyo.sfn.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** GetExecutionHistory: pages of events, oldest first unless reverseOrder, with or without input/output data. */
final class HistoryOperations {
    private final Store store;

    HistoryOperations(Store store) {
        this.store = store;
    }

    JsonNode get(ObjectNode req) {
        ExecutionRecord ex = store.execution(Requests.required(req, "executionArn"));
        List<History.Event> events = new ArrayList<>(ex.history.events());
        if (req.path("reverseOrder").asBoolean(false)) Collections.reverse(events);
        boolean includeData = req.path("includeExecutionData").asBoolean(true);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        Requests.Page page = Requests.Page.of(req, events.size());
        for (int i = page.from(); i < page.to(); i++) {
            History.Event e = events.get(i);
            ObjectNode o = list.addObject();
            o.put("timestamp", Requests.epoch(e.timestamp()));
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
}
