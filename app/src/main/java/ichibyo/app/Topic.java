package ichibyo.app;

/**
 * An SNS topic for people to subscribe to (an alert): on AWS a topic that takes only TLS publishers, with the
 * deployment's {@code alertEmail} subscribed; locally its messages are recorded under the data directory
 * ({@code DATA/topics/NAME.jsonl}) and listed by the runtime.
 */
public record Topic(String name) {
    public Topic {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a topic name is 1–63 lower-case letters, digits and dashes, not " + name);
        }
    }
}
