package ichibyo.local.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.local.sfn.EmulatorFixture;
import ichibyo.sfn.json.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Parallel, Map, Retry/Catch around them, and execution timeouts. */
class FlowControlTest {
    private EmulatorFixture emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private DescribeExecutionResponse run(String definition, String input) throws Exception {
        return emulator.run(definition, input);
    }

    @Test
    void aFailingBranchIsCaughtOnTheParallelState() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Branches": [
                      {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
                      {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "BranchBroke", "Cause": "on purpose"}}}],
                    "Catch": [{"ErrorEquals": ["BranchBroke"], "ResultPath": "$.caught", "Next": "After"}], "End": true},
                  "After": {"Type": "Pass", "End": true}}}""", "{\"x\":1}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"x\":1,\"caught\":{\"Error\":\"BranchBroke\",\"Cause\":\"on purpose\"}}"));
        assertThat(emulator.history(d.executionArn())).extracting(HistoryEvent::type).contains(HistoryEventType.PARALLEL_STATE_FAILED);
    }

    @Test
    void retryOnAMapRunsAllItsIterationsAgain() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "ItemBroke"}}},
                  "Retry": [{"ErrorEquals": ["ItemBroke"], "IntervalSeconds": 0, "MaxAttempts": 2}], "End": true}}}""", "{\"items\":[1]}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("ItemBroke");
        List<HistoryEvent> events = emulator.history(d.executionArn());
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.MAP_STATE_STARTED).hasSize(3);
    }

    @Test
    void mapIterationsSeeTheirItemAndIndexAndKeepOrder() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                  "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
                  "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}, "End": true}}}""",
                "{\"items\":[\"a\",\"b\",\"c\"],\"tag\":\"t\"}");
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse(
                "[{\"value\":\"a\",\"index\":0,\"tag\":\"t\"},{\"value\":\"b\",\"index\":1,\"tag\":\"t\"},{\"value\":\"c\",\"index\":2,\"tag\":\"t\"}]"));
    }

    @Test
    void anExecutionLongerThanItsTimeoutSecondsTimesOut() throws Exception {
        DescribeExecutionResponse d = run("""
                {"TimeoutSeconds": 1, "StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 30, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        List<HistoryEvent> events = emulator.history(d.executionArn());
        assertThat(events.get(events.size() - 1).type()).isEqualTo(HistoryEventType.EXECUTION_TIMED_OUT);
    }

    @Test
    void jsonataWaitAndChoiceUseVariablesAndTheContext() throws Exception {
        DescribeExecutionResponse d = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Setup", "States": {
                  "Setup": {"Type": "Pass", "Assign": {"pause": 0, "limit": "{% $states.input.limit %}"}, "Next": "Pause"},
                  "Pause": {"Type": "Wait", "Seconds": "{% $pause %}", "Next": "Decide"},
                  "Decide": {"Type": "Choice", "Choices": [{"Condition": "{% $limit > 10 %}", "Next": "Big",
                      "Output": {"state": "{% $states.context.State.Name %}"}}], "Default": "Small"},
                  "Big": {"Type": "Succeed"},
                  "Small": {"Type": "Fail", "Error": "TooSmall", "Cause": "{% 'limit ' & $string($limit) %}"}}}""", "{\"limit\":3}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("TooSmall");
        assertThat(d.cause()).isEqualTo("limit 3");
        DescribeExecutionResponse big = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Decide", "States": {
                  "Decide": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.limit > 10 %}", "Next": "Big",
                      "Output": {"state": "{% $states.context.State.Name %}"}}], "Default": "Big"},
                  "Big": {"Type": "Succeed"}}}""", "{\"limit\":30}");
        assertThat(big.output()).isEqualTo("{\"state\":\"Decide\"}");
    }

    @Test
    void assignedVariablesTakeEffectOnlyWhenTheStateEnds() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "State0", "States": {
                  "State0": {"Type": "Pass", "Result": {"q": "?"}, "Assign": {"question.$": "$.q", "answer": 42}, "Next": "State1"},
                  "State1": {"Type": "Pass", "InputPath": "$answer", "ResultPath": "$.theAnswer", "OutputPath": "$answer",
                    "Assign": {"answer": "changed"}, "Next": "State2"},
                  "State2": {"Type": "Pass", "Parameters": {"before.$": "$", "now.$": "$answer", "question.$": "$question"}, "End": true}}}""", "{}");
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"before\":42,\"now\":\"changed\",\"question\":\"?\"}"));
    }

    @Test
    void aTooLargeResultFailsWithDataLimitExceeded() throws Exception {
        DescribeExecutionResponse d = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Grow", "States": {
                  "Grow": {"Type": "Pass", "Output": "{% $join($map([1..30000], function($i) { '0123456789' }), '') %}", "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.DataLimitExceeded");
    }
}
