package ichibyo.local.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ichibyo.app.Function;
import ichibyo.core.Json;
import com.nimbusds.jwt.JWTClaimsSet;
import ichibyo.local.runtime.auth.InvalidTokenException;
import ichibyo.local.runtime.auth.LocalTokens;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.services.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The app's HTTP API on loopback, as API Gateway's HTTP API runs it: each described route
 * ({@link Function#httpRoutes()}) invokes its function with a payload format 2.0 event and returns
 * the function's response. Every route needs a bearer token, verified as the API's JWT authorizer
 * verifies it on AWS ({@link LocalTokens}: signature, issuer, audience, lifetime); without a valid one
 * the answer is 401 and the function is not invoked. The token's claims reach the function where API
 * Gateway puts them: {@code requestContext.authorizer.jwt.claims} (every value a string) and
 * {@code .scopes}.
 */
public final class LocalHttpApi implements AutoCloseable {

    private static final ObjectMapper JSON = Json.mapper();
    /** API Gateway's HTTP API refuses larger request bodies with 413; so does this one, before reading them. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** A header longer than this is no token of ours: refused before it is parsed. */
    static final int MAX_TOKEN_CHARS = 8 * 1024;

    private final Map<String, String> functionByRoute = new LinkedHashMap<>();
    private final FunctionInvoker invoker;
    private final LocalTokens tokens;
    private final HttpServer server;

    private LocalHttpApi(List<Function> functions, FunctionInvoker invoker, LocalTokens tokens, int port) {
        for (Function f : functions) {
            f.httpRoutes().forEach(r -> functionByRoute.put(r.key(), f.name()));
        }
        this.invoker = invoker;
        this.tokens = tokens;
        this.server = Ports.startHttpServer(port, this::handle);
    }

    /** Serves the routes of {@code functions} on {@code port} (0 for a free one) to callers with a token of {@code tokens}. */
    public static LocalHttpApi start(List<Function> functions, FunctionInvoker invoker, LocalTokens tokens, int port) {
        return new LocalHttpApi(functions, invoker, tokens, port);
    }

    public URI endpoint() {
        return Ports.endpoint(server);
    }

    /** {@code POST /upload-url} → {@code upload-url}, in the order described. */
    public Map<String, String> routes() {
        return Map.copyOf(functionByRoute);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String routeKey = method + " " + path;
            Map<String, String> pathParameters = new LinkedHashMap<>();
            String function = functionByRoute.get(routeKey);
            if (function == null) {
                // A route with parameters: each {name} takes one whole, non-empty segment (API Gateway's rule).
                for (Map.Entry<String, String> route : functionByRoute.entrySet()) {
                    Map<String, String> matched = match(route.getKey(), method, path);
                    if (matched != null) {
                        routeKey = route.getKey();
                        function = route.getValue();
                        pathParameters = matched;
                        break;
                    }
                }
            }
            if (function == null) {
                respond(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && !declared.isBlank()) {
                long length;
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length < 0) {
                    respond(exchange, 400, Map.of("Content-Type", "application/json"), "{\"message\":\"Bad Request\"}");
                    return;
                }
                if (length > MAX_BODY_BYTES) {
                    tooLarge(exchange);
                    return;
                }
            }
            // Before the body is read: a caller without a valid token costs no more than its headers.
            JWTClaimsSet claims;
            try {
                claims = tokens.verify(bearerToken(exchange));
            } catch (InvalidTokenException e) {
                unauthorized(exchange, e.getMessage());
                return;
            }
            // A chunked body has no length up front: read one byte past the limit, never more.
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                tooLarge(exchange);
                return;
            }
            FunctionInvoker.Result result;
            try {
                ObjectNode event = event(exchange, routeKey, body, claims);
                if (!pathParameters.isEmpty()) {
                    ObjectNode parameters = event.putObject("pathParameters");
                    pathParameters.forEach(parameters::put);
                }
                result = invoker.invoke(function, event.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 503, Map.of("Content-Type", "application/json"), "{\"message\":\"Service Unavailable\"}");
                return;
            }
            if (result.failed()) {
                // What API Gateway answers when the integration fails; the error is in the function's log.
                System.err.println("ichibyo-local: " + routeKey + " → " + function + " failed: " + result.payload());
                respond(exchange, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}");
                return;
            }
            response(exchange, result.payload());
        }
    }

    /** The parameters of {@code rawPath} under the route key {@code METHOD /a/{x}}, decoded; null when it does not match. */
    static Map<String, String> match(String routeKey, String method, String rawPath) {
        int space = routeKey.indexOf(' ');
        if (!routeKey.substring(0, space).equals(method) || !routeKey.contains("{")) {
            return null;
        }
        String[] template = routeKey.substring(space + 1).split("/", -1);
        String[] segments = rawPath.split("/", -1);
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                parameters.put(template[i].substring(1, template[i].length() - 1), decode(segments[i]));
            } else if (!template[i].equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    /** The token of {@code Authorization: Bearer TOKEN} (or a bare token, as API Gateway also takes). */
    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw new InvalidTokenException("no Authorization header (Authorization: Bearer TOKEN; ichibyo-local token USER prints one)");
        }
        if (header.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("the Authorization header is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String value = header.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
    }

    /** As API Gateway answers when its JWT authorizer refuses a request. */
    private static void unauthorized(HttpExchange exchange, String why) throws IOException {
        String description = why.replaceAll("[\\p{Cntrl}\"\\\\]", " ");
        respond(exchange, 401, Map.of("Content-Type", "application/json",
                "WWW-Authenticate", "Bearer error=\"invalid_token\" error_description=\"" + description + "\""),
                "{\"message\":\"Unauthorized\"}");
    }

    /** The rest of the body is not read: the connection is closed after the answer (the server drains at most 64 KB). */
    private static void tooLarge(HttpExchange exchange) throws IOException {
        respond(exchange, 413, Map.of("Content-Type", "application/json", "Connection", "close"),
                "{\"message\":\"Request Entity Too Large\"}");
    }

    /** The event API Gateway sends for payload format 2.0. */
    private static ObjectNode event(HttpExchange exchange, String routeKey, byte[] body, JWTClaimsSet claims) {
        URI uri = exchange.getRequestURI();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        List<String> cookies = new java.util.ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // Repeated parameters are joined with commas, as API Gateway does.
                query.put(k, query.has(k) ? query.get(k).asText() + "," + v : v);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        authorizer(context.putObject("authorizer").putObject("jwt"), claims);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
        return event;
    }

    /**
     * The verified claims as API Gateway passes them: every value a string (numbers and dates as their
     * JSON numbers, arrays as {@code [a b]}), and the {@code scope} claim's scopes, or null.
     */
    private static void authorizer(ObjectNode jwt, JWTClaimsSet claims) {
        ObjectNode out = jwt.putObject("claims");
        claims.toJSONObject().forEach((name, value) -> {
            if (value instanceof List<?> list) {
                out.put(name, "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]");
            } else if (value != null) {
                out.put(name, String.valueOf(value));
            }
        });
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s && !s.isBlank()) {
            List.of(s.strip().split("\\s+")).forEach(jwt.putArray("scopes")::add);
        } else {
            jwt.putNull("scopes");
        }
    }

    /** Writes the function's response: a structured one (statusCode, headers, body), or any other JSON as a 200 body. */
    private static void response(HttpExchange exchange, String payload) throws IOException {
        JsonNode r;
        try {
            r = JSON.readTree(payload);
        } catch (IOException e) {
            respond(exchange, 200, Map.of("Content-Type", "application/json"), payload);
            return;
        }
        if (r == null || !r.isObject() || !r.has("statusCode")) {
            respond(exchange, 200, Map.of("Content-Type", "application/json"), payload);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        r.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = r.path("body").isMissingNode() || r.path("body").isNull() ? "" : r.path("body").asText();
        byte[] bytes = r.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        respond(exchange, r.path("statusCode").asInt(200), headers, bytes);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        respond(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("x-www-form-urlencoded")
                || t.contains("javascript");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
