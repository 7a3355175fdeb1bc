package ichibyo.sfn.state.choice;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    private static String machine(String choices, String dflt) {
        return """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": %s%s},
                  "Low": {"Type": "Pass", "Result": "low", "End": true},
                  "High": {"Type": "Pass", "Result": "high", "End": true}}}""".formatted(choices, dflt == null ? "" : ", \"Default\": \"" + dflt + "\"");
    }

    @Test
    void choice_whenNoRuleMatchesAndNoDefault_failsWithNoChoiceMatched() throws Exception {
        var ex = emulator.run(machine("""
                [{"Variable": "$.n", "NumericLessThan": 0, "Next": "Low"}, {"Variable": "$.n", "NumericGreaterThan": 100, "Next": "High"}]""", null),
                "{\"n\":5}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void choice_firstMatchingRuleWins() throws Exception {
        var ex = emulator.run(machine("""
                [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "High"}, {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Low"}]""", "Low"),
                "{\"n\":5}");
        assertThat(ex.output()).isEqualTo(Json.parse("\"high\""));
        assertThat(ex.enteredStates()).containsExactly("C", "High");
    }

    @Test
    void choice_whenNoRuleMatches_goesToDefault() throws Exception {
        var ex = emulator.run(machine("[{\"Variable\": \"$.s\", \"StringMatches\": \"a*z\", \"Next\": \"High\"}]", "Low"), "{\"s\":\"abc\"}");
        assertThat(ex.output()).isEqualTo(Json.parse("\"low\""));
    }

    @Test
    void choice_andOrNotCombineRules() throws Exception {
        var ex = emulator.run(machine("""
                [{"And": [{"Variable": "$.a", "BooleanEquals": true}, {"Not": {"Variable": "$.b", "IsPresent": true}}], "Next": "High"}]""", "Low"),
                "{\"a\":true}");
        assertThat(ex.output()).isEqualTo(Json.parse("\"high\""));
    }

    @Test
    void choice_jsonataConditionThatIsNotBoolean_failsWithQueryEvaluationError() throws Exception {
        var ex = emulator.run("""
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "D"}], "Default": "D"},
                  "D": {"Type": "Succeed"}}}""", "{\"n\":1}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(ex.cause()).contains("Expected 'boolean'");
    }
}
