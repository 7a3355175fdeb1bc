package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesQueryEvaluationError;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateFactory;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.StatesBlock;
import ichibyo.sfn.state.internal.PayloadTemplate;

/**
 * Map: runs its ItemProcessor (or legacy Iterator) once per item. INLINE runs iterations here;
 * DISTRIBUTED hands over to the {@link ichibyo.sfn.state.DistributedMapRunner}, which runs each
 * item (or batch) as a child execution.
 */
public final class MapState extends State {
    private final StatesBlock processor;
    private final JsonNode processorDefinition;
    private final boolean distributed;
    private final String executionType;
    private final JsonNode itemReader;
    private final JsonNode itemBatcher;
    private final JsonNode resultWriter;
    private final String label;
    private final String itemsPath;
    private final JsonNode items;
    private final JsonNode itemSelector;
    private final JsonNode maxConcurrency;
    private final String maxConcurrencyPath;
    private final JsonNode toleratedFailureCount;
    private final JsonNode toleratedFailurePercentage;
    private final String toleratedFailureCountPath;
    private final String toleratedFailurePercentagePath;

    public MapState(String name, ObjectNode raw, QueryLanguage inherited, StateFactory factory) {
        super(name, raw, inherited);
        JsonNode def = raw.has("ItemProcessor") ? raw.get("ItemProcessor") : raw.get("Iterator");
        if (def == null) throw new InvalidDefinitionException(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor] at /States/" + name);
        processorDefinition = def;
        QueryLanguage inner = def.hasNonNull("QueryLanguage") ? QueryLanguage.of(def.get("QueryLanguage").asText(), language) : language;
        processor = new StatesBlock(def, inner, "/States/" + name + "/ItemProcessor", factory);
        JsonNode config = def.path("ProcessorConfig");
        distributed = "DISTRIBUTED".equals(config.path("Mode").asText("INLINE"));
        executionType = config.path("ExecutionType").asText("STANDARD");
        itemReader = raw.get("ItemReader");
        itemBatcher = raw.get("ItemBatcher");
        resultWriter = raw.get("ResultWriter");
        label = raw.hasNonNull("Label") ? raw.get("Label").asText() : null;
        if (label != null) validateLabel(label, name);
        itemsPath = raw.hasNonNull("ItemsPath") ? raw.get("ItemsPath").asText() : "$";
        items = raw.get("Items");
        itemSelector = raw.has("ItemSelector") ? raw.get("ItemSelector") : raw.get("Parameters");
        maxConcurrency = raw.get("MaxConcurrency");
        maxConcurrencyPath = raw.hasNonNull("MaxConcurrencyPath") ? raw.get("MaxConcurrencyPath").asText() : null;
        toleratedFailureCount = raw.get("ToleratedFailureCount");
        toleratedFailurePercentage = raw.get("ToleratedFailurePercentage");
        toleratedFailureCountPath = raw.hasNonNull("ToleratedFailureCountPath") ? raw.get("ToleratedFailureCountPath").asText() : null;
        toleratedFailurePercentagePath = raw.hasNonNull("ToleratedFailurePercentagePath") ? raw.get("ToleratedFailurePercentagePath").asText() : null;
    }

    /** The ItemProcessor (or Iterator) as written, with its ProcessorConfig. */
    public JsonNode processorDefinition() {
        return processorDefinition;
    }

    /** ProcessorConfig.Mode DISTRIBUTED: items run as child executions. */
    public boolean distributed() {
        return distributed;
    }

    /** ProcessorConfig.ExecutionType of a Distributed Map's children: STANDARD or EXPRESS. */
    public String executionType() {
        return executionType;
    }

    public JsonNode itemReader() {
        return itemReader;
    }

    public JsonNode itemBatcher() {
        return itemBatcher;
    }

    public JsonNode resultWriter() {
        return resultWriter;
    }

    /** The Map Run label, or null. */
    public String label() {
        return label;
    }

    /** A Map Run label: 1 to 40 characters, no whitespace, brackets, wildcards, special or control characters. */
    private static void validateLabel(String label, String state) {
        boolean valid = !label.isEmpty() && label.length() <= 40;
        for (int i = 0; valid && i < label.length(); i++) {
            char c = label.charAt(i);
            valid = !Character.isWhitespace(c) && "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) < 0 && !Character.isISOControl(c);
        }
        if (!valid) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Value is not a valid label: '" + label
                    + "' at /States/" + state + "/Label");
        }
    }

    @Override
    public void validate() {
        // Parameters is the legacy name of ItemSelector on Map, in both query languages' JSONPath form.
        super.validate();
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) throws InterruptedException {
        boolean jsonata = language == QueryLanguage.JSONata;
        ObjectNode states = jsonata ? states(run, input, null, null) : null;
        JsonNode effective = jsonata ? input : inputPath(run, input);
        JsonNode result;
        if (distributed) {
            result = run.frame().execution().distributedMaps().run(run, effective);
        } else {
            ArrayNode list = itemList(run, effective, states);
            int concurrency = number(run, effective, states, maxConcurrency, maxConcurrencyPath, "MaxConcurrency");
            result = InlineMap.run(this, processor, run, list, effective, concurrency);
        }
        if (jsonata) return new Transition(next, outputJsonata(run, input, result));
        return new Transition(next, resultAndOutput(run, input, result));
    }

    /** The items: Items (JSONata) or ItemsPath (JSONPath) over the input, which must select an array. */
    public ArrayNode itemList(StateRun run, JsonNode effective, ObjectNode states) {
        JsonNode list;
        if (language == QueryLanguage.JSONata && items != null) {
            list = JsonataExpressions.template(items, "Items", states, run.frame().variables());
            if (!list.isArray()) {
                String expr = JsonataExpressions.isExpression(items) ? JsonataExpressions.body(items.textValue()) : Json.write(items);
                throw new StatesQueryEvaluationError("The JSONata expression '" + expr + "' specified for the field 'Items' returned an unexpected result type. "
                        + "Expected 'array', but was '" + Json.typeName(list) + "' for value: " + Json.write(list));
            }
            return (ArrayNode) list;
        }
        list = language == QueryLanguage.JSONata ? effective : JsonPaths.selectOrFail(itemsPath, run.scope(effective));
        if (!list.isArray()) throw new StatesQueryEvaluationError("Map state input must be an array but was: " + Json.write(list));
        return (ArrayNode) list;
    }

    /** ItemSelector (or Parameters) with {@code $$.Map.Item} / {@code $states.context.Map.Item} bound; else the item. */
    public JsonNode selectItem(StateRun run, JsonNode effective, int index, JsonNode item) {
        if (itemSelector == null) return item;
        ObjectNode mapItem = Json.object();
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        StateRun itemRun = run.withMapItem(mapItem);
        if (language == QueryLanguage.JSONata) {
            return JsonataExpressions.template(itemSelector, "ItemSelector", states(itemRun, run.frame() == null ? effective : effective, null, null),
                    run.frame().variables());
        }
        return PayloadTemplate.evaluate(itemSelector, itemRun.scope(effective));
    }

    public int maxConcurrency(StateRun run, JsonNode effective) {
        return number(run, effective, language == QueryLanguage.JSONata ? states(run, effective, null, null) : null,
                maxConcurrency, maxConcurrencyPath, "MaxConcurrency");
    }

    /** ToleratedFailureCount and ToleratedFailurePercentage (0 when absent). */
    public double[] toleratedFailure(StateRun run, JsonNode effective) {
        ObjectNode states = language == QueryLanguage.JSONata ? states(run, effective, null, null) : null;
        double count = number(run, effective, states, toleratedFailureCount, toleratedFailureCountPath, "ToleratedFailureCount");
        double pct = numberDouble(run, effective, states, toleratedFailurePercentage, toleratedFailurePercentagePath, "ToleratedFailurePercentage");
        return new double[] {count, pct};
    }

    private int number(StateRun run, JsonNode effective, ObjectNode states, JsonNode value, String path, String field) {
        return (int) numberDouble(run, effective, states, value, path, field);
    }

    private double numberDouble(StateRun run, JsonNode effective, ObjectNode states, JsonNode value, String path, String field) {
        JsonNode v = value;
        if (v != null && JsonataExpressions.isExpression(v)) v = JsonataExpressions.template(v, field, states, run.frame().variables());
        if (v == null && path != null) return PathNumbers.read(field, path, JsonPaths.selectOrFail(path, run.scope(effective)));
        if (v == null || v.isNull()) return 0;
        if (!v.isNumber()) throw new StatesRuntime("The " + field + " value must be a number but was: " + Json.write(v));
        return v.doubleValue();
    }

    /**
     * The evaluated Parameters (JSONPath) or Arguments (JSONata) of ItemReader or ResultWriter,
     * e.g. {@code {"Bucket": ..., "Key": ...}}; an empty object when there are none.
     */
    public JsonNode ioParameters(StateRun run, JsonNode config, JsonNode effective) {
        if (config == null) return Json.object();
        if (language == QueryLanguage.JSONata) {
            JsonNode args = config.get("Arguments");
            return args == null ? Json.object()
                    : JsonataExpressions.template(args, "Arguments", states(run, effective, null, null), run.frame().variables());
        }
        JsonNode params = config.get("Parameters");
        return params == null ? Json.object() : PayloadTemplate.evaluate(params, run.scope(effective));
    }

    /** The ItemReader's ReaderConfig.MaxItems (or MaxItemsPath), 0 for all items. */
    public long maxItems(StateRun run, JsonNode effective) {
        JsonNode config = itemReader == null ? null : itemReader.path("ReaderConfig");
        if (config == null || config.isMissingNode()) return 0;
        return (long) numberDouble(run, effective, language == QueryLanguage.JSONata ? states(run, effective, null, null) : null,
                config.get("MaxItems"), config.hasNonNull("MaxItemsPath") ? config.get("MaxItemsPath").asText() : null, "MaxItems");
    }

    /**
     * An ItemBatcher limit: {@code field} (a number or a JSONata expression) or {@code field + "Path"};
     * 0 when absent. A numeric string, as a variable may hold, counts as its number.
     */
    public long batcherLimit(StateRun run, JsonNode effective, String field) {
        JsonNode b = itemBatcher;
        JsonNode v = b.get(field);
        if (v != null && JsonataExpressions.isExpression(v)) {
            v = JsonataExpressions.template(v, "ItemBatcher/" + field, states(run, effective, null, null), run.frame().variables());
        }
        if (v == null && b.hasNonNull(field + "Path")) v = JsonPaths.selectOrFail(b.get(field + "Path").asText(), run.scope(effective));
        if (v == null || v.isNull()) return 0;
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new StatesRuntime("The " + field + " value must be a positive integer but was: " + Json.write(v));
            }
        }
        if (!v.isNumber()) throw new StatesRuntime("The " + field + " value must be a positive integer but was: " + Json.write(v));
        return v.longValue();
    }

    /** The ItemBatcher's BatchInput, evaluated like a payload template (or JSONata template); null when absent. */
    public JsonNode batchInput(StateRun run, JsonNode effective) {
        JsonNode t = itemBatcher == null ? null : itemBatcher.get("BatchInput");
        if (t == null) return null;
        if (language == QueryLanguage.JSONata) {
            return JsonataExpressions.template(t, "ItemBatcher/BatchInput", states(run, effective, null, null), run.frame().variables());
        }
        return PayloadTemplate.evaluate(t, run.scope(effective));
    }

    /** Whether ToleratedFailureCount / ToleratedFailurePercentage were given at all. */
    public boolean[] toleranceGiven() {
        return new boolean[] {toleratedFailureCount != null || toleratedFailureCountPath != null,
                toleratedFailurePercentage != null || toleratedFailurePercentagePath != null};
    }

}
