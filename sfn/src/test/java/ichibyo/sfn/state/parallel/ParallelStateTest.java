package ichibyo.sfn.state.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void parallel_outputsTheBranchOutputsInBranchOrder() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 1, "Next": "A2"}, "A2": {"Type": "Pass", "Result": "a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}""", "{}");
        assertThat(ex.output()).isEqualTo(Json.parse("[\"a\",\"b\"]"));
        assertThat(ex.eventTypes()).contains("ParallelStateStarted", "ParallelStateSucceeded");
    }

    @Test
    void parallel_whenABranchFails_failsWithTheBranchError() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "A.Broke"}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}}""", "{}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("A.Broke");
        assertThat(ex.eventTypes()).contains("ParallelStateFailed");
    }

    @Test
    void parallel_branchVariablesStayInTheBranch() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
                  "P": {"Type": "Parallel", "Next": "Read", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}]},
                  "Read": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}""", "{}");
        assertThat(ex.output()).isEqualTo(Json.parse("{\"x\":1}"));
    }
}
