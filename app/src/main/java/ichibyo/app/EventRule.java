package ichibyo.app;

import java.util.List;

/**
 * An EventBridge rule on one of the app's buses: every event of {@code source} whose detail type is one of
 * {@code detailTypes} is published to {@code topic}, whole (the message is the event as EventBridge delivers it). On
 * AWS a rule with an SNS target (and the topic policy that lets EventBridge publish); locally the runtime matches each
 * event put on the bus and records it on the topic.
 */
public record EventRule(String name, String bus, String source, List<String> detailTypes, String topic) {
    public EventRule {
        detailTypes = List.copyOf(detailTypes);
        if (source == null || source.isBlank() || detailTypes.isEmpty()) {
            throw new IllegalArgumentException("event rule " + name + " needs a source and at least one detail type");
        }
    }

    /** Whether an event (EventBridge's envelope: {@code source}, {@code detail-type}, the bus it was put on) matches. */
    public boolean matches(String eventBus, String eventSource, String detailType) {
        return bus.equals(eventBus) && source.equals(eventSource) && detailTypes.contains(detailType);
    }
}
