package ichibyo.app;

/** An EventBridge event bus; locally its events are recorded and can be listed. */
public record EventBus(String name) {}
