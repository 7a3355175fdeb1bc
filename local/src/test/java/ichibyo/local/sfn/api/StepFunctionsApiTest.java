package ichibyo.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.local.sfn.EmulatorFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** The Step Functions API through the real AWS SDK v2 client. */
class StepFunctionsApiTest {
    private static final String PASS = """
            {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": {"greeting": "hello"}, "ResultPath": "$.out", "End": true}}}""";
    private static final String WAIT = """
            {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 30, "End": true}}}""";

    private EmulatorFixture emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void stateMachinesAreCreatedDescribedListedUpdatedAndDeleted() {
        String arn = emulator.createMachine("hello", PASS);
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:hello");
        var described = emulator.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("hello");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(emulator.sfn.listStateMachines(b -> {}).stateMachines()).extracting(m -> m.name()).containsExactly("hello");

        emulator.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(WAIT));
        assertThat(emulator.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(WAIT);

        emulator.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> emulator.sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void anInvalidDefinitionIsRefusedWithAwsWording() {
        String missingNext = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad", missingNext))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Invalid State Machine Definition")
                .hasMessageContaining("MISSING_TRANSITION_TARGET");
        String unknownType = """
                {"StartAt": "A", "States": {"A": {"Type": "Dance", "End": true}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad2", unknownType)).isInstanceOf(InvalidDefinitionException.class);
        String unreachable = """
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad3", unreachable))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("UNREACHABLE_STATE");
        String jsonPathFieldInJsonata = """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.x", "End": true}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad4", jsonPathFieldInJsonata)).isInstanceOf(InvalidDefinitionException.class);
        String unknownIntrinsic = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Teleport($.a)"}, "End": true}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad5", unknownIntrinsic))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("valid intrinsic function call");
        String waitWithoutDuration = """
                {"StartAt": "A", "States": {"A": {"Type": "Wait", "End": true}}}""";
        assertThatThrownBy(() -> emulator.createMachine("bad6", waitWithoutDuration)).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void anExecutionSucceedsWithItsOutputAndHistory() throws Exception {
        String machine = emulator.createMachine("hello", PASS);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1").input("{\"who\":\"world\"}")).executionArn();
        DescribeExecutionResponse d = emulator.awaitEnd(execution, Duration.ofSeconds(10));
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"who\":\"world\",\"out\":{\"greeting\":\"hello\"}}");
        List<HistoryEvent> events = emulator.history(execution);
        assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Hello");
        assertThat(events.get(2).stateExitedEventDetails().output()).isEqualTo(d.output());
        assertThat(emulator.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).extracting(e -> e.name()).containsExactly("run-1");
    }

    @Test
    void historyPagesWithNextTokenAndReverses() throws Exception {
        String machine = emulator.createMachine("hello", PASS);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        emulator.awaitEnd(execution, Duration.ofSeconds(10));
        GetExecutionHistoryResponse first = emulator.sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(3));
        assertThat(first.events()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        GetExecutionHistoryResponse second = emulator.sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(3).nextToken(first.nextToken()));
        assertThat(second.events()).extracting(HistoryEvent::id).containsExactly(4L);
        assertThat(second.nextToken()).isNull();
        GetExecutionHistoryResponse reversed = emulator.sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true));
        assertThat(reversed.events()).extracting(HistoryEvent::id).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void startingTheSameNameIsIdempotentWhileOpenAndOtherwiseRefused() {
        String machine = emulator.createMachine("waiter", WAIT);
        var first = emulator.sfn.startExecution(b -> b.stateMachineArn(machine).name("same").input("{\"a\":1}"));
        var again = emulator.sfn.startExecution(b -> b.stateMachineArn(machine).name("same").input("{\"a\":1}"));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        assertThatThrownBy(() -> emulator.sfn.startExecution(b -> b.stateMachineArn(machine).name("same").input("{\"a\":2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        emulator.sfn.stopExecution(b -> b.executionArn(first.executionArn()).error("Stopped").cause("by the test"));
        assertThatThrownBy(() -> emulator.sfn.startExecution(b -> b.stateMachineArn(machine).name("same").input("{\"a\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void stoppingAnExecutionAbortsIt() throws Exception {
        String machine = emulator.createMachine("waiter", WAIT);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        emulator.sfn.stopExecution(b -> b.executionArn(execution).error("Bored").cause("too slow"));
        DescribeExecutionResponse d = emulator.awaitEnd(execution, Duration.ofSeconds(10));
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.error()).isEqualTo("Bored");
        List<HistoryEvent> events = emulator.history(execution);
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(last.executionAbortedEventDetails().cause()).isEqualTo("too slow");
    }

    @Test
    void anExecutionThatWouldExceed25000HistoryEventsFailsAndItsHistoryStaysCapped() throws Exception {
        String loop = """
                {"QueryLanguage": "JSONata", "StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Assign": {"n": "{% ($exists($n) ? $n : 0) + 1 %}"}, "Next": "More"},
                  "More": {"Type": "Choice", "Choices": [{"Condition": "{% $n < 20000 %}", "Next": "Count"}], "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}""";
        String machine = emulator.createMachine("loop", loop);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse d = emulator.awaitEnd(execution, Duration.ofSeconds(60));
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Runtime");
        List<HistoryEvent> events = emulator.history(execution);
        assertThat(events).hasSizeLessThanOrEqualTo(25_000);
        assertThat(events.get(events.size() - 1).type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    }

    @Test
    void unknownExecutionsAreNamedErrors() {
        assertThatThrownBy(() -> emulator.sfn.describeExecution(b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:x:y")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void syncExecutionsOfExpressMachinesReturnTheirResult() {
        String machine = emulator.sfn.createStateMachine(b -> b.name("express").definition(PASS).type(StateMachineType.EXPRESS)
                .roleArn("arn:aws:iam::123456789012:role/test")).stateMachineArn();
        StartSyncExecutionResponse r = emulator.sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{}"));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"out\":{\"greeting\":\"hello\"}}");
        assertThat(r.executionArn()).contains(":express:express:");
    }

    @Test
    void aFailedExecutionIsRedrivenFromTheStateThatFailed() throws Exception {
        // A redrive resumes at the failed state with that state's input; Count is not run again.
        String definition = """
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Result": 1, "ResultPath": "$.count", "Next": "Check"},
                  "Check": {"Type": "Fail", "Error": "NotYet", "Cause": "always fails"}}}""";
        String machine = emulator.createMachine("redrive", definition);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertThat(emulator.awaitEnd(execution, Duration.ofSeconds(10)).status()).isEqualTo(ExecutionStatus.FAILED);
        emulator.sfn.redriveExecution(b -> b.executionArn(execution));
        DescribeExecutionResponse d = emulator.awaitEnd(execution, Duration.ofSeconds(10));
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.redriveCount()).isEqualTo(1);
        List<HistoryEvent> events = emulator.history(execution);
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.EXECUTION_FAILED,
                HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.FAIL_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED).hasSize(1);
    }
}
