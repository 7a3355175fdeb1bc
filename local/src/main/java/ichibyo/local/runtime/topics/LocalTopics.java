package ichibyo.local.runtime.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.app.EventRule;
import ichibyo.app.Topic;
import ichibyo.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The app's SNS topics on one machine: there is no SNS here, so a topic records what is published to it, as an
 * email subscriber would receive it ({@code MessageId, TopicArn, Type, Message, Timestamp}; the message of an event
 * rule's target is the whole event as JSON). With a data directory each topic's messages are appended to
 * {@code DATA/topics/NAME.jsonl} (kept across restarts, readable with any JSON tool); without one they are kept in memory.
 * {@link #route} is the described event rules: each event that matches one is published to its topic.
 */
public final class LocalTopics {
    private final Map<String, List<JsonNode>> messages = new LinkedHashMap<>();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private final List<EventRule> rules;
    private final Path directory;

    /**
     * @param directory where the topics' files are ({@code DATA/topics}), or null to keep messages in memory only
     * @param arnPrefix {@code arn:aws:sns:REGION:ACCOUNT:}, what topic ARNs start with
     */
    public LocalTopics(List<Topic> topics, List<EventRule> rules, Path directory, String arnPrefix) {
        this.rules = List.copyOf(rules);
        this.directory = directory;
        for (Topic t : topics) {
            arns.put(t.name(), arnPrefix + t.name());
            List<JsonNode> recorded = new ArrayList<>();
            if (directory != null && Files.isRegularFile(file(t.name()))) {
                try {
                    for (String line : Files.readAllLines(file(t.name()), StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            recorded.add(Json.mapper().readTree(line));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read topic " + t.name() + "'s messages", e);
                }
            }
            messages.put(t.name(), recorded);
        }
    }

    /** Publishes {@code event} to the topic of every rule it matches. */
    public void route(JsonNode event) {
        for (EventRule rule : rules) {
            if (rule.matches(event.path("event-bus-name").asText(), event.path("source").asText(), event.path("detail-type").asText())) {
                publish(rule.topic(), event.toString(), rule.name());
            }
        }
    }

    /** Publishes one message, as SNS Publish does; {@code via} is what published it (a rule's name). */
    public synchronized JsonNode publish(String topic, String message, String via) {
        List<JsonNode> recorded = messages.get(topic);
        if (recorded == null) {
            throw new NoSuchElementException("no topic " + topic + "; topics: " + messages.keySet());
        }
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("Type", "Notification");
        m.put("MessageId", UUID.randomUUID().toString());
        m.put("TopicArn", arns.get(topic));
        m.put("Message", message);
        m.put("Timestamp", Instant.now().toString());
        m.put("PublishedBy", via);
        recorded.add(m);
        if (directory != null) {
            try {
                Files.createDirectories(directory);
                Files.writeString(file(topic), m + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a message on topic " + topic, e);
            }
        }
        return m;
    }

    /** The messages published to {@code topic}, oldest first. */
    public synchronized List<JsonNode> messages(String topic) {
        List<JsonNode> recorded = messages.get(topic);
        if (recorded == null) {
            throw new NoSuchElementException("no topic " + topic + "; topics: " + messages.keySet());
        }
        return List.copyOf(recorded);
    }

    private Path file(String topic) {
        return directory.resolve(topic + ".jsonl");
    }
}
