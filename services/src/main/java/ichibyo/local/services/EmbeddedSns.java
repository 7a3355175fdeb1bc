package ichibyo.local.services;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording SNS endpoint on loopback (the query protocol the SDKs and the CLI use): {@code CreateTopic} and
 * {@code Publish} to a created topic; {@link #messages()} lists what was published. No subscriptions: messages
 * are kept for inspection. Publishing to a topic that was not created fails with {@code NotFound}, as SNS does.
 */
public final class EmbeddedSns implements EmbeddedService {

    /** A published message. */
    public record PublishedMessage(String messageId, String topicArn, String subject, String message,
            Map<String, String> messageAttributes, Instant timestamp) {}

    private final HttpServer server;
    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<PublishedMessage> messages = new CopyOnWriteArrayList<>();

    private EmbeddedSns(int port, String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
        this.server = Ports.startHttpServer(port, this::handle);
        this.endpoint = Ports.endpoint(server);
    }

    public static EmbeddedSns start(int port, String region, String accountId) {
        return new EmbeddedSns(port, region, accountId);
    }

    /** Creates a topic (as CreateTopic would) and returns its ARN. */
    public String createTopic(String name) {
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
        topics.add(arn);
        return arn;
    }

    public List<PublishedMessage> messages() {
        return List.copyOf(messages);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String requestId = UUID.randomUUID().toString();
            String action = form.getOrDefault("Action", "");
            switch (action) {
                case "CreateTopic" -> respond(exchange, 200, "<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<CreateTopicResult><TopicArn>" + xml(createTopic(form.getOrDefault("Name", ""))) + "</TopicArn></CreateTopicResult>"
                        + metadata(requestId) + "</CreateTopicResponse>");
                case "Publish" -> {
                    String topic = form.getOrDefault("TopicArn", form.get("TargetArn"));
                    if (topic == null || !topics.contains(topic)) {
                        respond(exchange, 404, error("Sender", "NotFound", "Topic does not exist", requestId));
                        return;
                    }
                    String message = form.get("Message");
                    if (message == null) {
                        respond(exchange, 400, error("Sender", "InvalidParameter",
                                "Invalid parameter: Message", requestId));
                        return;
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                        attributes.put(form.get("MessageAttributes.entry." + i + ".Name"),
                                form.getOrDefault("MessageAttributes.entry." + i + ".Value.StringValue", ""));
                    }
                    String id = UUID.randomUUID().toString();
                    messages.add(new PublishedMessage(id, topic, form.get("Subject"), message, attributes, Instant.now()));
                    respond(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                            + "<PublishResult><MessageId>" + id + "</MessageId></PublishResult>" + metadata(requestId)
                            + "</PublishResponse>");
                }
                default -> respond(exchange, 400, error("Sender", "InvalidAction",
                        "The action " + action + " is not valid for this endpoint.", requestId));
            }
        }
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static String metadata(String requestId) {
        return "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>";
    }

    private static String error(String type, String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type + "</Type><Code>" + code
                + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
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
