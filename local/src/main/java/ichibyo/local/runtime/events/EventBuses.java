package ichibyo.local.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The app's event buses on one machine: events put on a bus are recorded, in order, and can be
 * listed (there are no rules to route them yet). With a directory, each bus is also a JSON Lines
 * file there, so {@code ichibyo-local events} and a restarted runtime see earlier events. Reached
 * through {@link EventsServer} (EventBridge's PutEvents API, for SDK clients and the Step Functions
 * emulator's {@code events:putEvents}) or directly through {@link #put}.
 */
public final class EventBuses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> buses;
    private final Path directory;
    private final List<RecordedEvent> events = new ArrayList<>();

    /** @param directory where each bus's events are kept, or null to keep them in memory only */
    public EventBuses(Set<String> buses, Path directory) {
        this.buses = Set.copyOf(buses);
        this.directory = directory;
        if (directory != null) {
            for (String bus : this.buses) {
                events.addAll(read(directory, bus));
            }
        }
    }

    public boolean exists(String bus) {
        return buses.contains(bus) || bus.equals("default");
    }

    /**
     * Records an event. {@code bus} is a name or an ARN.
     *
     * @throws IllegalArgumentException no such bus
     */
    public synchronized RecordedEvent put(String bus, String source, String detailType, String detail, List<String> resources) {
        String name = bus == null || bus.isEmpty() ? "default" : bus.substring(bus.lastIndexOf('/') + 1);
        if (!exists(name)) {
            throw new IllegalArgumentException("Event bus " + name + " does not exist.");
        }
        RecordedEvent e = new RecordedEvent(name, UUID.randomUUID().toString(), Instant.now(), source, detailType, detail,
                resources == null ? List.of() : List.copyOf(resources));
        events.add(e);
        if (directory != null) {
            append(e);
        }
        return e;
    }

    /** The events of {@code bus}, oldest first. */
    public synchronized List<RecordedEvent> list(String bus) {
        return events.stream().filter(e -> e.bus().equals(bus)).toList();
    }

    /** The events of a bus as recorded under {@code directory} (for a process other than the runtime's). */
    public static List<RecordedEvent> read(Path directory, String bus) {
        Path file = directory.resolve(bus + ".jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RecordedEvent> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<String> resources = new ArrayList<>();
                n.path("resources").forEach(r -> resources.add(r.asText()));
                out.add(new RecordedEvent(n.path("event-bus-name").asText(), n.path("id").asText(),
                        Instant.parse(n.path("time").asText()), n.path("source").asText(), n.path("detail-type").asText(),
                        n.path("detail").toString(), resources));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The event as EventBridge delivers it to targets, plus the bus name. */
    public static ObjectNode toJson(RecordedEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", "0");
        n.put("id", e.id());
        n.put("detail-type", e.detailType());
        n.put("source", e.source());
        n.put("time", e.time().toString());
        n.put("event-bus-name", e.bus());
        n.putArray("resources").addAll(e.resources().stream().map(n::textNode).toList());
        try {
            n.set("detail", e.detail() == null || e.detail().isBlank() ? JSON.createObjectNode() : JSON.readTree(e.detail()));
        } catch (IOException ex) {
            n.put("detail", e.detail());
        }
        return n;
    }

    private void append(RecordedEvent e) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(e.bus() + ".jsonl"), toJson(e) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
