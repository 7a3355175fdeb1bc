package ichibyo.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ichibyo.sfn.backend.ApiException;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API over HTTP on loopback: AWS JSON 1.0, {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}, as the AWS SDKs and the AWS CLI call it.
 */
public final class StepFunctionsHttpServer implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";

    private final StepFunctionsService service;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public StepFunctionsHttpServer(StepFunctionsService service, int port) throws IOException {
        this.service = service;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public StepFunctionsHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                respond(exchange, 400, requestId, error("UnknownOperationException", "Expected a POST with X-Amz-Target: AWSStepFunctions.*"), null);
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode request;
            try {
                request = body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, requestId, error("SerializationException", e.getMessage()), "SerializationException");
                return;
            }
            if (!request.isObject()) {
                respond(exchange, 400, requestId, error("SerializationException", "Expected a JSON object"), "SerializationException");
                return;
            }
            try {
                JsonNode response = service.handle(operation, (ObjectNode) request);
                respond(exchange, 200, requestId, response, null);
            } catch (ApiException e) {
                respond(exchange, e.status(), requestId, error(e.type(), e.getMessage()), e.type());
            } catch (RuntimeException e) {
                respond(exchange, 500, requestId, error("InternalFailure", String.valueOf(e)), "InternalFailure");
            }
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode o = Json.object();
        o.put("__type", type);
        o.put("message", message);
        return o;
    }

    private static void respond(HttpExchange exchange, int status, String requestId, JsonNode body, String errorType) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (errorType != null) exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
