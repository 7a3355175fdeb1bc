package ichibyo.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A test SQS handler: fails the records whose body starts with "poison" through a partial batch response. */
public final class FailingRecordHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Every body received, in order, over all invocations. */
    public static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();
    /** Every event received. */
    public static final Queue<Map<String, Object>> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        EVENTS.add(event);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Map<String, Object> record : (List<Map<String, Object>>) event.get("Records")) {
            String body = (String) record.get("body");
            RECEIVED.add(body);
            if (body.startsWith("poison")) {
                failures.add(Map.of("itemIdentifier", record.get("messageId")));
            }
        }
        return Map.of("batchItemFailures", failures);
    }
}
