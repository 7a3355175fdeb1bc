package ichibyo.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every recorded AWS execution of {@code ../shared/asl-conformance/cases} (beside the repository; the
 * system property {@code sfn.conformance.cases} points elsewhere) through the HTTP API and compares status,
 * output, error, cause and entered states as the cases' README says: one dynamic test per case, named by
 * the case ({@code -Dsfn.conformance.case=<group>/<case>} runs the cases whose id contains that text).
 * Prints one line per failing case and {@code N passed, M failed}; a failing case listed in
 * conformance-exclusions.txt is skipped with its reason. Without the corpus the factory is skipped.
 */
class ConformanceTest {
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");
    private static final String ANY = "<ANY>";
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());

    private static StepFunctionsService service;
    private static StepFunctionsHttpServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        service = new StepFunctionsService(s -> Optional.empty(), new InMemoryObjectStore());
        server = new StepFunctionsHttpServer(service, 0).start();
        api = new ApiClient(server.endpoint());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (service != null) service.close();
        if (PASSED.get() + FAILURES.size() > 0) {
            List<String> failures = new ArrayList<>(FAILURES);
            Collections.sort(failures);
            failures.forEach(f -> System.out.println("FAIL " + f));
            System.out.println(PASSED.get() + " passed, " + failures.size() + " failed");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExecutionBehavesAsOnAws() throws IOException {
        Path cases = casesDirectory();
        if (!Files.isDirectory(cases)) {
            // One skipped test that says why: build tools do not report a factory aborted before it made any test.
            String message = "The ASL conformance cases are missing: expected " + cases
                    + " (the repository's sibling shared/asl-conformance/cases, or -Dsfn.conformance.cases=DIR); skipping the conformance run";
            System.out.println(message);
            return Stream.of(DynamicTest.dynamicTest("conformance corpus missing", () -> Assumptions.abort(message)));
        }
        String only = System.getProperty("sfn.conformance.case");
        List<Path> all;
        try (Stream<Path> s = Files.walk(cases, 2)) {
            all = s.filter(p -> Files.isRegularFile(p.resolve("definition.json"))).sorted()
                    .filter(p -> only == null || cases.relativize(p).toString().contains(only)).toList();
        }
        assertThat(all).as("conformance cases in " + cases + (only == null ? "" : " matching " + only)).isNotEmpty();
        Map<String, String> exclusions = exclusions();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Path dir = all.get(i);
            String id = cases.relativize(dir).toString();
            String name = "case-" + i;
            tests.add(DynamicTest.dynamicTest(id, dir.toUri(), () -> {
                String problem;
                try {
                    problem = runCase(dir, name);
                } catch (Exception e) {
                    problem = "error: " + e;
                }
                if (problem == null) {
                    PASSED.incrementAndGet();
                    return;
                }
                String failure = problem;
                FAILURES.add(id + ": " + failure);
                Assumptions.assumeFalse(exclusions.containsKey(id), () -> "excluded: " + exclusions.get(id) + " (" + failure + ")");
                throw new AssertionError(id + ": " + failure);
            }));
        }
        return tests.stream();
    }

    private static String runCase(Path dir, String name) throws Exception {
        String definition = Files.readString(dir.resolve("definition.json"));
        String input = Files.readString(dir.resolve("input.json"));
        JsonNode expected = Json.parse(Files.readString(dir.resolve("expected.json")));
        String machine = api.call("CreateStateMachine", Json.object().put("name", name).put("definition", definition)
                .put("roleArn", "arn:aws:iam::123456789012:role/test")).path("stateMachineArn").asText();
        String execution = api.call("StartExecution", Json.object().put("stateMachineArn", machine).put("input", input))
                .path("executionArn").asText();
        JsonNode d = api.awaitEnd(execution, Duration.ofSeconds(60));
        List<JsonNode> history = api.history(execution);
        String status = d.path("status").asText();
        String error = d.path("error").asText(null);
        String cause = d.path("cause").asText(null);
        String output = d.path("output").asText(null);
        if (!expected.path("status").asText().equals(status)) {
            return "status " + status + " (expected " + expected.path("status").asText() + ")"
                    + (error != null ? " error=" + error + " cause=" + cause : "")
                    + (output != null ? " output=" + abbreviate(output) : "");
        }
        if (expected.has("output")) {
            JsonNode actual = normalizeOutput(Json.parse(output));
            if (!matches(expected.get("output"), actual)) {
                return "output " + abbreviate(Json.write(actual)) + " (expected " + abbreviate(Json.write(expected.get("output"))) + ")";
            }
        }
        for (String field : List.of("error", "cause")) {
            if (!expected.has(field)) continue;
            String actual = field.equals("error") ? error : cause;
            JsonNode want = expected.get(field);
            if (want.isNull() ? actual != null : actual == null || !matches(want, Json.NODES.textNode(normalizeText(actual)))) {
                return field + " " + actual + " (expected " + (want.isNull() ? "none" : want.asText()) + ")";
            }
        }
        if (expected.has("states")) {
            List<String> entered = new ArrayList<>();
            for (JsonNode e : history) if (e.has("stateEnteredEventDetails")) entered.add(e.get("stateEnteredEventDetails").path("name").asText());
            List<String> want = new ArrayList<>();
            expected.get("states").forEach(s -> want.add(s.asText()));
            boolean same;
            if ("multiset".equals(expected.path("states_order").asText())) {
                List<String> a = new ArrayList<>(entered);
                List<String> b = new ArrayList<>(want);
                Collections.sort(a);
                Collections.sort(b);
                same = a.equals(b);
            } else {
                same = entered.equals(want);
            }
            if (!same) return "states " + entered + " (expected " + want + ")";
        }
        return null;
    }

    // ---- comparison rules of the cases' README ----

    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isTextual()) {
            String e = expected.textValue();
            if (e.equals(ANY)) return true;
            if (!actual.isTextual()) return false;
            if (e.contains(ANY)) return wildcard(e).matcher(actual.textValue()).matches();
            return e.equals(actual.textValue());
        }
        if (expected.isNumber()) return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!actual.has(f.getKey()) || !matches(f.getValue(), actual.get(f.getKey()))) return false;
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) return false;
            for (int i = 0; i < expected.size(); i++) if (!matches(expected.get(i), actual.get(i))) return false;
            return true;
        }
        return expected.equals(actual);
    }

    private static Pattern wildcard(String e) {
        List<String> parts = new ArrayList<>();
        for (String part : e.split(Pattern.quote(ANY), -1)) parts.add(Pattern.quote(part));
        return Pattern.compile(String.join(".*", parts), Pattern.DOTALL);
    }

    /** Valid ISO-8601 date-times with a zone become "date"; invalid ones (month 13, hour 25) stay. */
    static String normalizeText(String s) {
        return ISO_DATE_TIME.matcher(s).replaceAll(m -> {
            try {
                java.time.OffsetDateTime.parse(m.group().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"));
                return "date";
            } catch (java.time.format.DateTimeParseException e) {
                return java.util.regex.Matcher.quoteReplacement(m.group());
            }
        });
    }

    static JsonNode normalizeOutput(JsonNode output) {
        JsonNode n = normalizeDates(output);
        if (n.isObject()) timestampKeys(n);
        return n;
    }

    private static JsonNode normalizeDates(JsonNode n) {
        if (n.isTextual()) return Json.NODES.textNode(normalizeText(n.textValue()));
        if (n.isObject()) {
            ObjectNode o = Json.object();
            n.fields().forEachRemaining(e -> o.set(normalizeText(e.getKey()), normalizeDates(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.array();
            n.forEach(x -> a.add(normalizeDates(x)));
            return a;
        }
        return n;
    }

    private static void timestampKeys(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = o.get(k);
                if (k.toLowerCase().contains("timestamp") && !(v.isTextual() && v.textValue().equals("date"))) {
                    o.put(k, "timestamp");
                } else {
                    timestampKeys(v);
                }
            }
        } else if (n.isArray()) {
            n.forEach(ConformanceTest::timestampKeys);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // ---- locations ----

    /** {@code -Dsfn.conformance.cases=DIR}, else {@code shared/asl-conformance/cases} beside the repository root. */
    static Path casesDirectory() {
        String given = System.getProperty("sfn.conformance.cases");
        if (given != null && !given.isBlank()) return Path.of(given).toAbsolutePath();
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.isRegularFile(dir.resolve("sfn/pom.xml")) ? dir : dir.getParent();
        return root.getParent().resolve("shared/asl-conformance/cases").normalize();
    }

    private static Map<String, String> exclusions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = ConformanceTest.class.getResourceAsStream("conformance-exclusions.txt")) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                out.put(tab < 0 ? line.trim() : line.substring(0, tab).trim(), tab < 0 ? "" : line.substring(tab + 1).trim());
            }
        }
        return out;
    }
}
