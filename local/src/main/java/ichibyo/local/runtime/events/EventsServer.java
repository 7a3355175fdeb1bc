package ichibyo.local.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * EventBridge's {@code PutEvents} on loopback (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}),
 * so SDK clients configured with {@code AWS_ENDPOINT_URL_EVENTS} and the emulator's {@code events:putEvents}
 * reach {@link EventBuses} unmodified. Other actions answer {@code UnknownOperationException}.
 */
public final class EventsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    public EventsServer(EventBuses buses, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "events-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> handle(buses, exchange));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void handle(EventBuses buses, HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                putEvents(buses, exchange);
            } catch (RuntimeException e) {
                reply(exchange, 500, error("InternalException", String.valueOf(e.getMessage())));
            }
        }
    }

    private static void putEvents(EventBuses buses, HttpExchange exchange) throws IOException {
        {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (!target.equals("AWSEvents.PutEvents")) {
                reply(exchange, 400, error("UnknownOperationException", "Operation " + target + " is not supported locally."));
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ArrayNode results = JSON.createArrayNode();
            int failed = 0;
            for (JsonNode entry : request.path("Entries")) {
                ObjectNode result = results.addObject();
                try {
                    List<String> resources = new ArrayList<>();
                    entry.path("Resources").forEach(r -> resources.add(r.asText()));
                    String bus = entry.path("EventBusName").asText("default");
                    if (entry.path("Source").asText("").isEmpty() || entry.path("DetailType").asText("").isEmpty()
                            || entry.path("Detail").asText("").isEmpty()) {
                        failed++;
                        result.put("ErrorCode", "InvalidArgument");
                        result.put("ErrorMessage", "Parameters Source, DetailType and Detail are required.");
                        continue;
                    }
                    JSON.readTree(entry.path("Detail").asText()); // Detail must be a JSON object
                    result.put("EventId", buses.put(bus, entry.path("Source").asText(), entry.path("DetailType").asText(),
                            entry.path("Detail").asText(), resources).id());
                } catch (IllegalArgumentException e) {
                    failed++;
                    result.put("ErrorCode", "ResourceNotFoundException");
                    result.put("ErrorMessage", e.getMessage());
                } catch (IOException e) {
                    failed++;
                    result.put("ErrorCode", "MalformedDetail");
                    result.put("ErrorMessage", "Detail is malformed.");
                }
            }
            ObjectNode response = JSON.createObjectNode();
            response.put("FailedEntryCount", failed);
            response.set("Entries", results);
            reply(exchange, 200, response);
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("__type", type);
        n.put("message", message);
        return n;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
