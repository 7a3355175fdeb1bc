package ichibyo.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ichibyo.core.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording EventBridge endpoint on loopback: {@code PutEvents} (AWS JSON 1.1, as the SDKs and the CLI send it)
 * records each entry as the event EventBridge would deliver to a rule's target
 * ({@code version, id, detail-type, source, account, time, region, resources, detail}); {@link #events()} lists
 * them. Rules are its user's: {@link #onEvent} hears each event as it is put (the local runtime routes the app's
 * described rules to their targets). Other actions fail with {@code UnknownOperationException}.
 */
public final class EmbeddedEventBridge implements EmbeddedService {
    private static final ObjectMapper JSON = Json.mapper();

    private final HttpServer server;
    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private EmbeddedEventBridge(int port, String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
        this.server = Ports.startHttpServer(port, this::handle);
        this.endpoint = Ports.endpoint(server);
    }

    /** Starts on {@code port} (0 for a free one). */
    public static EmbeddedEventBridge start(int port, String region, String accountId) {
        return new EmbeddedEventBridge(port, region, accountId);
    }

    /** The events put so far, oldest first, as EventBridge delivers them to targets. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /**
     * Calls {@code listener} with every event put from now on, after it is recorded and before PutEvents answers (so a
     * rule's target has it when the caller goes on). A listener that throws does not fail the put.
     */
    public void onEvent(java.util.function.Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** Forgets the recorded events. */
    public void clear() {
        events.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!"AWSEvents.PutEvents".equals(target)) {
                respond(exchange, 400, error("UnknownOperationException", "Operation " + target + " is not supported here."));
                return;
            }
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            ArrayNode entries = response.putArray("Entries");
            int failed = 0;
            for (JsonNode entry : request.path("Entries")) {
                String detail = entry.path("Detail").asText(null);
                if (entry.path("Source").asText("").isEmpty() || entry.path("DetailType").asText("").isEmpty() || detail == null) {
                    failed++;
                    entries.addObject().put("ErrorCode", "InvalidArgument")
                            .put("ErrorMessage", "Parameters Source, DetailType and Detail are required.");
                    continue;
                }
                JsonNode detailJson;
                try {
                    detailJson = JSON.readTree(detail);
                } catch (IOException e) {
                    detailJson = null;
                }
                if (detailJson == null || !detailJson.isObject()) {
                    failed++;
                    entries.addObject().put("ErrorCode", "MalformedDetail").put("ErrorMessage", "Detail is malformed.");
                    continue;
                }
                String id = UUID.randomUUID().toString();
                ObjectNode event = JsonNodeFactory.instance.objectNode();
                event.put("version", "0");
                event.put("id", id);
                event.put("detail-type", entry.get("DetailType").asText());
                event.put("source", entry.get("Source").asText());
                event.put("account", accountId);
                event.put("time", entry.hasNonNull("Time") ? timeOf(entry.get("Time"))
                        : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                event.put("region", region);
                event.set("resources", entry.has("Resources") ? entry.get("Resources") : JsonNodeFactory.instance.arrayNode());
                event.set("detail", detailJson);
                event.put("event-bus-name", entry.path("EventBusName").asText("default"));
                events.add(event);
                for (var listener : listeners) {
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        System.err.println("ichibyo-local: an event listener failed on " + id + ": " + e);
                    }
                }
                entries.addObject().put("EventId", id);
            }
            response.put("FailedEntryCount", failed);
            respond(exchange, 200, response);
        }
    }

    private static String timeOf(JsonNode time) {
        if (time.isNumber()) {
            return Instant.ofEpochMilli((long) (time.asDouble() * 1000)).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return time.asText();
    }

    private static ObjectNode error(String type, String message) {
        return JsonNodeFactory.instance.objectNode().put("__type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
