package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.history.History;
import ichibyo.sfn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data directory: state machines as JSON files, and per execution its identity, its history as
 * a journal of events (one JSON line each) and a checkpoint (the top-level state last entered, its
 * input and the variables), from which an open execution resumes after a restart.
 */
final class ExecutionJournal {
    private final Path machines;
    private final Path executions;

    ExecutionJournal(Path dataDir) {
        this.machines = dataDir.resolve("state-machines");
        this.executions = dataDir.resolve("executions");
        try {
            Files.createDirectories(machines);
            Files.createDirectories(executions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data directory " + dataDir, e);
        }
    }

    // ---- state machines ----

    void saveMachine(StateMachineRecord m) {
        ObjectNode o = Json.object();
        o.put("arn", m.arn).put("name", m.name).put("type", m.type).put("definition", m.definition).put("roleArn", m.roleArn)
                .put("creationDate", m.creationDate.toEpochMilli()).put("revisionId", m.revisionId);
        writeAtomically(machines.resolve(m.name + ".json"), Json.write(o));
    }

    void deleteMachine(String name) {
        try {
            Files.deleteIfExists(machines.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> loadMachines() {
        return readAll(machines, "json");
    }

    // ---- executions ----

    void saveExecution(ExecutionRecord ex) {
        ObjectNode o = Json.object();
        o.put("arn", ex.arn).put("name", ex.name).put("machineArn", ex.machine.arn).put("input", ex.input)
                .put("startDate", ex.startDate.toEpochMilli()).put("mapRunArn", ex.mapRunArn).put("parentArn", ex.parentArn)
                .put("redriveCount", ex.redriveCount);
        Path dir = dir(ex.arn);
        writeAtomically(dir.resolve("execution.json"), Json.write(o));
    }

    void appendEvent(String executionArn, History.Event e) {
        ObjectNode o = Json.object();
        o.put("id", e.id()).put("previousEventId", e.previousEventId()).put("timestamp", e.timestamp().toEpochMilli()).put("type", e.type());
        if (e.detailsKey() != null) {
            o.put("detailsKey", e.detailsKey());
            o.set("details", e.details());
        }
        try {
            Files.writeString(dir(executionArn).resolve("history.jsonl"), Json.write(o) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void checkpoint(String executionArn, String state, JsonNode input, Map<String, JsonNode> variables) {
        ObjectNode o = Json.object();
        o.put("state", state);
        o.set("input", input);
        ObjectNode vars = o.putObject("variables");
        variables.forEach(vars::set);
        writeAtomically(dir(executionArn).resolve("checkpoint.json"), Json.write(o));
    }

    /** Every stored execution: its identity, history events and checkpoint (null when none). */
    List<Stored> loadExecutions() {
        List<Stored> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(executions)) {
            for (Path d : dirs.sorted().toList()) {
                Path meta = d.resolve("execution.json");
                if (!Files.isRegularFile(meta)) continue;
                List<History.Event> events = new ArrayList<>();
                Path history = d.resolve("history.jsonl");
                if (Files.isRegularFile(history)) {
                    for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                        if (line.isBlank()) continue;
                        JsonNode e;
                        try {
                            e = Json.parse(line);
                        } catch (IllegalArgumentException torn) {
                            break; // a line cut short by a crash: the journal ends before it
                        }
                        events.add(new History.Event(e.path("id").asLong(), e.path("previousEventId").asLong(),
                                Instant.ofEpochMilli(e.path("timestamp").asLong()), e.path("type").asText(),
                                e.path("detailsKey").asText(null), e.has("details") ? (ObjectNode) e.get("details") : null));
                    }
                }
                Path cp = d.resolve("checkpoint.json");
                out.add(new Stored(Json.parse(Files.readString(meta)), events, Files.isRegularFile(cp) ? Json.parse(Files.readString(cp)) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    record Stored(JsonNode meta, List<History.Event> events, JsonNode checkpoint) {}

    private Path dir(String executionArn) {
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(executionArn.getBytes(StandardCharsets.UTF_8)));
            Path d = executions.resolve(id.substring(0, 32));
            Files.createDirectories(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> readAll(Path dir, String ext) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith("." + ext)).sorted().toList()) out.add(Json.parse(Files.readString(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
