package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.arn.Arn;
import ichibyo.sfn.arn.StateMachineArn;
import ichibyo.sfn.definition.StateMachineDefinition;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine, ValidateStateMachineDefinition. */
final class StateMachineOperations {
    private static final String DEFAULT_ROLE = "arn:aws:iam::" + StepFunctionsService.ACCOUNT + ":role/StepFunctionsLocal";

    private final Store store;
    private final ExecutionJournal journal;

    StateMachineOperations(Store store, ExecutionJournal journal) {
        this.store = store;
        this.journal = journal;
    }

    JsonNode create(ObjectNode req) {
        String name = Requests.required(req, "name");
        if (!Executions.NAME.matcher(name).matches()) throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        String definition = Requests.required(req, "definition");
        String type = req.path("type").asText("STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) throw ApiException.validation("Invalid type: " + type);
        StateMachineDefinition parsed = parse(definition);
        String arn = new StateMachineArn(StepFunctionsService.REGION, StepFunctionsService.ACCOUNT, name).format();
        String role = req.path("roleArn").asText(DEFAULT_ROLE);
        StateMachineRecord created = new StateMachineRecord(arn, name, type, definition, parsed, role, Instant.now());
        StateMachineRecord existing = store.machines.putIfAbsent(arn, created);
        if (existing != null) {
            if (!existing.definition.equals(definition) || !existing.type.equals(type) || !existing.roleArn.equals(role)) {
                throw new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            created = existing;
        } else if (journal != null) {
            journal.saveMachine(created);
        }
        ObjectNode out = Json.object();
        out.put("stateMachineArn", created.arn);
        out.put("creationDate", Requests.epoch(created.creationDate));
        return out;
    }

    JsonNode validate(ObjectNode req) {
        ObjectNode out = Json.object();
        ArrayNode diagnostics = out.putArray("diagnostics");
        try {
            StateMachineDefinition.parse(Requests.required(req, "definition"));
            out.put("result", "OK");
        } catch (InvalidDefinitionException e) {
            out.put("result", "FAIL");
            ObjectNode d = diagnostics.addObject();
            d.put("severity", "ERROR");
            d.put("code", e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "SCHEMA_VALIDATION_FAILED");
            d.put("message", e.getMessage());
        }
        return out;
    }

    private static StateMachineDefinition parse(String definition) {
        try {
            return StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    JsonNode update(ObjectNode req) {
        StateMachineRecord m = store.machine(Requests.required(req, "stateMachineArn"));
        if (req.hasNonNull("definition")) {
            String definition = req.get("definition").asText();
            m.parsed = parse(definition);
            m.definition = definition;
        }
        if (req.hasNonNull("roleArn")) m.roleArn = req.get("roleArn").asText();
        m.updateDate = Instant.now();
        m.revisionId = UUID.randomUUID().toString();
        if (journal != null) journal.saveMachine(m);
        ObjectNode out = Json.object();
        out.put("updateDate", Requests.epoch(m.updateDate));
        out.put("revisionId", m.revisionId);
        return out;
    }

    JsonNode describe(ObjectNode req) {
        StateMachineRecord m = store.machine(Requests.required(req, "stateMachineArn"));
        ObjectNode out = Json.object();
        out.put("stateMachineArn", m.arn);
        out.put("name", m.name);
        out.put("status", m.status);
        out.put("definition", m.definition);
        out.put("roleArn", m.roleArn);
        out.put("type", m.type);
        out.put("creationDate", Requests.epoch(m.creationDate));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        out.put("revisionId", m.revisionId);
        return out;
    }

    JsonNode describeForExecution(ObjectNode req) {
        return describe(Json.object().put("stateMachineArn", store.execution(req.path("executionArn").asText()).machine.arn));
    }

    JsonNode list(ObjectNode req) {
        List<StateMachineRecord> all = new ArrayList<>(store.machines.values());
        all.sort(Comparator.comparing(m -> m.name));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("stateMachines");
        Requests.Page page = Requests.Page.of(req, all.size());
        for (int i = page.from(); i < page.to(); i++) {
            StateMachineRecord m = all.get(i);
            list.addObject().put("stateMachineArn", m.arn).put("name", m.name).put("type", m.type)
                    .put("creationDate", Requests.epoch(m.creationDate));
        }
        page.next(out);
        return out;
    }

    JsonNode delete(ObjectNode req) {
        String arn = Requests.required(req, "stateMachineArn");
        if (!Arn.isStepFunctions(arn)) throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
        StateMachineRecord removed = store.machines.remove(arn);
        if (removed != null && journal != null) journal.deleteMachine(removed.name);
        return Json.object();
    }
}
