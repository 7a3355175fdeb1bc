package ichibyo.sfn.state.pass;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PassStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void pass_withResultAndResultPath_putsTheResultIntoTheInput() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"b": 2}, "ResultPath": "$.r", "End": true}}}""", "{\"a\":1}");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
        assertThat(ex.output()).isEqualTo(Json.parse("{\"a\":1,\"r\":{\"b\":2}}"));
    }

    @Test
    void pass_withParametersAndIntrinsic_buildsItsResultFromTheInput() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Parameters": {"greeting.$": "States.Format('hi {}', $.name)", "fixed": 1}, "End": true}}}""", "{\"name\":\"ann\"}");
        assertThat(ex.output()).isEqualTo(Json.parse("{\"greeting\":\"hi ann\",\"fixed\":1}"));
    }

    @Test
    void pass_inJsonata_outputsItsExpressionAndAssignsVariables() throws Exception {
        var ex = emulator.run("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Assign": {"n": "{% $states.input.n * 2 %}"}, "Output": "{% $states.input.n + 1 %}", "Next": "Q"},
                  "Q": {"Type": "Pass", "Output": "{% $n %}", "End": true}}}""", "{\"n\":5}");
        assertThat(ex.output()).isEqualTo(Json.parse("10"));
        assertThat(ex.eventTypes()).containsSubsequence("PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited");
    }

    @Test
    void pass_withOutputPathNull_outputsAnEmptyObject() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "End": true}}}""", "{\"a\":1}");
        assertThat(ex.output()).isEqualTo(Json.object());
    }
}
