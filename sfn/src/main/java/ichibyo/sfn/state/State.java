package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesDataLimitExceeded;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.error.StatesQueryEvaluationError;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.internal.PayloadTemplate;
import ichibyo.sfn.state.internal.ResultPaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state of the Amazon States Language. This base holds the fields the specification gives all
 * states (Next/End, the JSONPath I/O fields, the JSONata Output/Assign, Retry/Catch) and the life
 * cycle around {@link #execute}: entered event, retries, catchers, exited event.
 */
public abstract class State {
    protected final String name;
    protected final String type;
    protected final QueryLanguage language;
    protected final String next;
    protected final boolean end;
    protected final ObjectNode raw;
    // JSONPath I/O: a missing field is "$"; an explicit null discards (InputPath/OutputPath) or keeps the input (ResultPath).
    protected final String inputPath;
    protected final String outputPath;
    protected final String resultPath;
    protected final boolean inputPathNull;
    protected final boolean outputPathNull;
    protected final boolean resultPathNull;
    protected final JsonNode parameters;
    protected final JsonNode resultSelector;
    // JSONata
    protected final JsonNode arguments;
    protected final JsonNode output;
    protected final JsonNode assign;
    protected final List<Retrier> retriers;
    protected final List<Catcher> catchers;

    /** The outcome of a state: its output and the next state (null when the block ends). */
    public record Transition(String next, JsonNode output) {}

    protected State(String name, ObjectNode raw, QueryLanguage inherited) {
        this.name = name;
        this.raw = raw;
        this.type = raw.path("Type").asText();
        this.language = QueryLanguage.of(raw.hasNonNull("QueryLanguage") ? raw.get("QueryLanguage").asText() : null, inherited);
        this.next = raw.hasNonNull("Next") ? raw.get("Next").asText() : null;
        this.end = raw.path("End").asBoolean(false);
        this.inputPath = text("InputPath", "$");
        this.outputPath = text("OutputPath", "$");
        this.resultPath = text("ResultPath", "$");
        this.inputPathNull = raw.has("InputPath") && raw.get("InputPath").isNull();
        this.outputPathNull = raw.has("OutputPath") && raw.get("OutputPath").isNull();
        this.resultPathNull = raw.has("ResultPath") && raw.get("ResultPath").isNull();
        this.parameters = raw.get("Parameters");
        this.resultSelector = raw.get("ResultSelector");
        this.arguments = raw.get("Arguments");
        this.output = raw.get("Output");
        this.assign = raw.get("Assign");
        this.retriers = new ArrayList<>();
        for (JsonNode r : raw.path("Retry")) retriers.add(new Retrier(r));
        this.catchers = new ArrayList<>();
        for (JsonNode c : raw.path("Catch")) catchers.add(new Catcher(c, language));
    }

    public String name() {
        return name;
    }

    /** The {@code Type}: Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map. */
    public String type() {
        return type;
    }

    public QueryLanguage language() {
        return language;
    }

    /** The Next state, or null. */
    public String next() {
        return next;
    }

    public boolean end() {
        return end;
    }

    /** Whether the state has Retry or Catch entries. */
    public boolean handlesErrors() {
        return !retriers.isEmpty() || !catchers.isEmpty();
    }

    private String text(String field, String dflt) {
        JsonNode n = raw.get(field);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    /** The state's own work on its (raw) input; I/O processing is done with the helpers below. */
    protected abstract Transition execute(StateRun run, JsonNode input) throws InterruptedException;

    /** Whether the history has {type}StateExited events (Fail has none). */
    protected boolean hasExitedEvent() {
        return true;
    }

    /** Runs the state with its Retry and Catch, recording the entered and exited events. */
    public final Transition run(Frame frame, JsonNode input) throws InterruptedException {
        ObjectNode entered = Json.object();
        entered.put("name", name);
        entered.put("input", Json.write(input));
        entered.putObject("inputDetails").put("truncated", false);
        long enteredId = frame.lane().add(type + "StateEntered", "stateEnteredEventDetails", entered);
        StateRun run = new StateRun(this, frame, enteredId, Instant.now());
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                Transition t = execute(run, input);
                checkSize(t.output());
                run.applyAssignments();
                if (hasExitedEvent()) exited(frame, t.output(), run.assigned);
                return t;
            } catch (StatesError raised) {
                StatesError e = raised.inState(name, enteredId);
                if (StatesQueryEvaluationError.NAME.equals(e.error())) {
                    // AWS records a failed JSONata evaluation as its own event before handling the error.
                    ObjectNode d = Json.object();
                    d.put("error", e.error());
                    d.put("cause", e.cause());
                    d.put("state", name);
                    frame.lane().add("EvaluationFailed", "evaluationFailedEventDetails", d);
                }
                Retrier retrier = Retrier.matching(retriers, e);
                if (retrier != null) {
                    int i = retriers.indexOf(retrier);
                    if (attempts[i] < retrier.maxAttempts) {
                        Thread.sleep(retrier.delayMillis(attempts[i]));
                        attempts[i]++;
                        run.retryCount++;
                        run.assigned = null;
                        continue;
                    }
                }
                Catcher catcher = Catcher.matching(catchers, e);
                if (catcher == null) throw e;
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", e.error());
                errorOutput.put("Cause", e.cause());
                run.assigned = null;
                JsonNode out = catcher.apply(run, input, errorOutput);
                checkSize(out);
                run.applyAssignments();
                exited(frame, out, run.assigned);
                return new Transition(catcher.next, out);
            }
        }
    }

    private void exited(Frame frame, JsonNode out, Map<String, JsonNode> assigned) {
        ObjectNode exited = Json.object();
        exited.put("name", name);
        exited.put("output", Json.write(out));
        exited.putObject("outputDetails").put("truncated", false);
        if (assigned != null && !assigned.isEmpty()) {
            ObjectNode vars = exited.putObject("assignedVariables");
            assigned.forEach((k, v) -> vars.put(k, Json.write(v)));
            exited.putObject("assignedVariablesDetails").put("truncated", false);
        }
        frame.lane().add(type + "StateExited", "stateExitedEventDetails", exited);
    }

    private void checkSize(JsonNode out) {
        if (out != null && Json.sizeInBytes(out) > Json.MAX_PAYLOAD_BYTES) {
            throw new StatesDataLimitExceeded("The state/task '" + name
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    // ---- JSONPath input and output processing ----

    /** InputPath: the effective input. */
    protected JsonNode inputPath(StateRun run, JsonNode input) {
        if (inputPathNull) return Json.object();
        return JsonPaths.selectOrFail(inputPath, run.scope(input));
    }

    /** Parameters (or ItemSelector): a payload template over the effective input. */
    protected JsonNode payload(StateRun run, JsonNode template, JsonNode effectiveInput) {
        if (template == null) return effectiveInput;
        return PayloadTemplate.evaluate(template, run.scope(effectiveInput));
    }

    /** ResultSelector, ResultPath and OutputPath applied to a result. */
    protected JsonNode resultAndOutput(StateRun run, JsonNode rawInput, JsonNode result) {
        JsonNode selected = resultSelector == null ? result : PayloadTemplate.evaluate(resultSelector, run.scope(result));
        assignJsonPath(run, selected);
        JsonNode combined = ResultPaths.apply(resultPathNull ? null : resultPath, rawInput, selected);
        return outputPath(run, combined);
    }

    protected JsonNode outputPath(StateRun run, JsonNode value) {
        if (outputPathNull) return Json.object();
        return JsonPaths.selectOrFail(outputPath, run.scope(value));
    }

    /** Assign in a JSONPath state: {@code $} is the state's result (or its input when it has none). */
    protected void assignJsonPath(StateRun run, JsonNode data) {
        if (assign == null) return;
        run.assign(PayloadTemplate.evaluateAssign(assign, run.scope(data)));
    }

    // ---- JSONata ----

    /** The {@code $states} binding. */
    protected ObjectNode states(StateRun run, JsonNode input, JsonNode result, JsonNode errorOutput) {
        ObjectNode s = Json.object();
        s.set("input", input);
        s.set("context", run.context());
        if (result != null) s.set("result", result);
        if (errorOutput != null) s.set("errorOutput", errorOutput);
        return s;
    }

    /** Output (default: the result, or the input when the state has no result) and Assign, evaluated together. */
    protected JsonNode outputJsonata(StateRun run, JsonNode input, JsonNode result) {
        ObjectNode states = states(run, input, result, null);
        Map<String, JsonNode> assigned = evaluateAssignJsonata(run, assign, states);
        JsonNode out = output == null ? (result != null ? result : input)
                : JsonataExpressions.template(output, "Output", states, run.frame().variables());
        run.assign(assigned);
        return out;
    }

    protected static Map<String, JsonNode> evaluateAssignJsonata(StateRun run, JsonNode assign, JsonNode states) {
        if (assign == null) return null;
        if (!assign.isObject()) throw new StatesRuntime("The Assign field must be an object");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), JsonataExpressions.template(e.getValue(), "Assign/" + e.getKey(), states, run.frame().variables()));
        }
        return values;
    }

    /** Checks the fields that belong to the other query language and the payload templates, as validation on create does. */
    public void validate() {
        DefinitionRules.check(name, raw, language);
    }

    public List<String> transitions() {
        List<String> t = new ArrayList<>();
        if (next != null) t.add(next);
        for (Catcher c : catchers) t.add(c.next);
        return t;
    }

    public boolean isTerminal() {
        return end;
    }
}
