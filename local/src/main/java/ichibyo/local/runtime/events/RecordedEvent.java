package ichibyo.local.runtime.events;

import java.time.Instant;
import java.util.List;

/** One event put on a bus, as EventBridge would deliver it to a rule's target. */
public record RecordedEvent(String bus, String id, Instant time, String source, String detailType, String detail,
        List<String> resources) {}
