package ichibyo.sfn.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSONata over {@code $states} and variables: objects are bound as read-only views, and must read as plain JSON. */
class JsonataExpressionsTest {
    private static final String STATES = """
            {"input": {"family": {"id": "f-1", "name": "田中家"}, "z": 1, "a": 2.0, "none": null, "big": 12345678901234567890,
                       "moments": [{"key": "m/1", "score": 0.5}, {"key": "m/2", "score": 0.9}]},
             "context": {"Execution": {"Input": {"edition": "quarterly"}}, "State": {"Name": "Render the movie"}}}""";

    private static JsonNode eval(String expression) {
        JsonNode states = Json.parse(STATES);
        Variables variables = new Variables(null);
        variables.assignAll(Map.of("plan", Json.parse("{\"moments\": 2, \"slices\": [{\"from\": 0}]}")));
        JsonNode result = JsonataExpressions.evaluate(expression, "Arguments", states, variables);
        assertThat(states).as("an expression never changes the state it reads").isEqualTo(Json.parse(STATES));
        return result;
    }

    /** As JSON text: the emulator writes results out, and a parsed int and a computed long are the same number there. */
    private static String evalJson(String expression) {
        return Json.write(eval(expression));
    }

    private static String json(String text) {
        return Json.write(Json.parse(text));
    }

    @Test
    void pathsReadMembersOfTheStateAndVariables() {
        assertThat(eval("$states.input.family.name").textValue()).isEqualTo("田中家");
        assertThat(eval("$states.context.Execution.Input.edition").textValue()).isEqualTo("quarterly");
        assertThat(eval("$plan.slices[0].from").asInt()).isEqualTo(0);
        assertThat(eval("$states.input.moments[score > 0.6].key").textValue()).isEqualTo("m/2");
        assertThat(eval("$exists($states.input.missing)").booleanValue()).isFalse();
        assertThat(eval("$states.input.none").isNull()).isTrue();
    }

    @Test
    void objectsPassThroughAsJsonInTheirMemberOrder() {
        assertThat(evalJson("$keys($states.input)")).isEqualTo(json("[\"family\",\"z\",\"a\",\"none\",\"big\",\"moments\"]"));
        // Numbers with no fraction become integers, as in JavaScript; JSON null stays null.
        assertThat(evalJson("$states.input")).isEqualTo(json("""
                {"family": {"id": "f-1", "name": "田中家"}, "z": 1, "a": 2, "none": null, "big": 1.2345678901234567E19,
                 "moments": [{"key": "m/1", "score": 0.5}, {"key": "m/2", "score": 0.9}]}"""));
        assertThat(eval("$string($states.input.family)").textValue()).isEqualTo("{\"id\":\"f-1\",\"name\":\"田中家\"}");
        assertThat(eval("$count($each($states.input.family, function($v, $k) { $k }))").asInt()).isEqualTo(2);
    }

    @Test
    void functionsThatBuildObjectsLeaveTheStateAlone() {
        assertThat(evalJson("$merge([$states.input.family, {\"name\": \"佐藤家\"}])")).isEqualTo(json("{\"id\": \"f-1\", \"name\": \"佐藤家\"}"));
        assertThat(evalJson("$states.input.family ~> |$|{\"premium\": true}, [\"id\"]|")).isEqualTo(json("{\"name\": \"田中家\", \"premium\": true}"));
        assertThat(evalJson("$sift($states.input, function($v, $k) { $k = \"z\" })")).isEqualTo(json("{\"z\": 1}"));
        assertThat(eval("$lookup($plan, \"moments\")").asInt()).isEqualTo(2);
        assertThat(evalJson("$spread($states.input.family)")).isEqualTo(json("[{\"id\": \"f-1\"}, {\"name\": \"田中家\"}]"));
    }
}
