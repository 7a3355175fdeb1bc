package ichibyo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.asl.Json;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Runs every recorded AWS execution of {@code ../shared/asl-conformance/cases} through the HTTP API and
 * compares status, output, error, cause and entered states as the cases' README says. Prints one line
 * per failing case and {@code N passed, M failed}; fails on any failure not in conformance-exclusions.txt.
 */
class ConformanceTest {
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");
    private static final String ANY = "<ANY>";

    @Test
    void everyRecordedExecutionBehavesAsOnAws() throws Exception {
        Path cases = casesDirectory();
        List<Path> all;
        try (Stream<Path> s = Files.walk(cases, 2)) {
            all = s.filter(p -> Files.isRegularFile(p.resolve("definition.json"))).sorted().toList();
        }
        assertThat(all).as("conformance cases in " + cases).isNotEmpty();
        Map<String, String> exclusions = exclusions();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (EmulatorFixture emulator = new EmulatorFixture(); ExecutorService pool = Executors.newFixedThreadPool(48)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Path dir = all.get(i);
                String id = cases.relativize(dir).toString();
                int index = i;
                futures.add(pool.submit(() -> {
                    String problem;
                    try {
                        problem = runCase(emulator, dir, "case-" + index);
                    } catch (Exception e) {
                        problem = "error: " + e;
                    }
                    if (problem != null) failures.add(id + ": " + problem);
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        Collections.sort(failures);
        failures.forEach(f -> System.out.println("FAIL " + f));
        int failed = failures.size();
        System.out.println((all.size() - failed) + " passed, " + failed + " failed");
        List<String> unexpected = failures.stream().filter(f -> !exclusions.containsKey(f.substring(0, f.indexOf(": ")))).toList();
        assertThat(unexpected).as("failing cases that are not excluded").isEmpty();
    }

    private static String runCase(EmulatorFixture emulator, Path dir, String name) throws Exception {
        String definition = Files.readString(dir.resolve("definition.json"));
        String input = Files.readString(dir.resolve("input.json"));
        JsonNode expected = Json.parse(Files.readString(dir.resolve("expected.json")));
        String machine = emulator.createMachine(name, definition);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        DescribeExecutionResponse d = emulator.awaitEnd(execution, Duration.ofSeconds(60));
        List<HistoryEvent> history = emulator.history(execution);
        String status = d.statusAsString();
        if (!expected.path("status").asText().equals(status)) {
            return "status " + status + " (expected " + expected.path("status").asText() + ")"
                    + (d.error() != null ? " error=" + d.error() + " cause=" + d.cause() : "")
                    + (d.output() != null ? " output=" + abbreviate(d.output()) : "");
        }
        if (expected.has("output")) {
            JsonNode actual = normalizeOutput(Json.parse(d.output()));
            if (!matches(expected.get("output"), actual)) {
                return "output " + abbreviate(Json.write(actual)) + " (expected " + abbreviate(Json.write(expected.get("output"))) + ")";
            }
        }
        for (String field : List.of("error", "cause")) {
            if (!expected.has(field)) continue;
            String actual = field.equals("error") ? d.error() : d.cause();
            JsonNode want = expected.get(field);
            if (want.isNull() ? actual != null : actual == null || !matches(want, Json.NODES.textNode(normalizeText(actual)))) {
                return field + " " + actual + " (expected " + (want.isNull() ? "none" : want.asText()) + ")";
            }
        }
        if (expected.has("states")) {
            List<String> entered = new ArrayList<>();
            for (HistoryEvent e : history) if (e.stateEnteredEventDetails() != null) entered.add(e.stateEnteredEventDetails().name());
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

    static Path casesDirectory() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.isDirectory(dir.resolve("local")) ? dir : dir.getParent();
        Path cases = root.getParent().resolve("shared/asl-conformance/cases");
        if (!Files.isDirectory(cases)) {
            throw new IllegalStateException("The ASL conformance cases are missing: expected " + cases
                    + " (the repository's sibling shared/asl-conformance/cases)");
        }
        return cases;
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
