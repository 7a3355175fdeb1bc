package ichibyo.local.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.EmulatorFixture;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/** Task states against small in-test runners: results, Retry, Catch, timeouts, task tokens, child executions. */
class TaskStateTest {
    private final Map<String, TaskRunner> runners = new ConcurrentHashMap<>();
    private final List<TaskRequest> requests = new CopyOnWriteArrayList<>();
    private EmulatorFixture emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = new EmulatorFixture(service -> Optional.ofNullable(runners.get(service)));
        // A Lambda-like function: adds a and b of its payload, or fails as Lambda reports a function error.
        runners.put("lambda", request -> {
            requests.add(request);
            JsonNode payload = request.bareLambda() ? request.parameters() : request.parameters().path("Payload");
            if (payload.has("fail")) throw new TaskFailedException(payload.get("fail").asText(), "{\"errorMessage\":\"asked to fail\"}");
            ObjectNode sum = Json.object().put("sum", payload.path("a").asInt() + payload.path("b").asInt());
            if (request.bareLambda()) return sum;
            ObjectNode out = Json.object();
            out.set("Payload", sum);
            out.put("StatusCode", 200);
            return out;
        });
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private DescribeExecutionResponse run(String definition, String input) throws Exception {
        return emulator.run(definition, input);
    }

    @Test
    void anOptimizedLambdaInvokeReturnsItsPayloadThroughResultSelector() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Add", "States": {"Add": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "adder", "Payload.$": "$"},
                  "ResultSelector": {"sum.$": "$.Payload.sum"}, "ResultPath": "$.result", "End": true}}}""", "{\"a\":2,\"b\":3}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"a\":2,\"b\":3,\"result\":{\"sum\":5}}"));
        TaskRequest r = requests.get(0);
        assertThat(r.service()).isEqualTo("lambda");
        assertThat(r.action()).isEqualTo("invoke");
        assertThat(r.bareLambda()).isFalse();
        List<HistoryEvent> events = emulator.history(d.executionArn());
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED);
        HistoryEvent scheduled = events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().orElseThrow();
        assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
        assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("invoke");
    }

    @Test
    void aBareLambdaArnUsesTheLambdaFunctionEvents() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Add", "States": {"Add": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:adder", "End": true}}}""", "{\"a\":1,\"b\":1}");
        assertThat(d.output()).isEqualTo("{\"sum\":2}");
        assertThat(emulator.history(d.executionArn())).extracting(HistoryEvent::type)
                .contains(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED);
    }

    @Test
    void retryRunsTheTaskAgainUntilItSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        runners.put("sqs", request -> {
            if (calls.incrementAndGet() < 3) throw new TaskFailedException("SQS.ThrottledException", "slow down");
            return Json.object().put("MessageId", "m-1");
        });
        DescribeExecutionResponse d = run("""
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "q", "MessageBody": "hi"},
                  "Retry": [{"ErrorEquals": ["SQS.ThrottledException"], "IntervalSeconds": 0, "MaxAttempts": 3}], "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"MessageId\":\"m-1\"}");
        assertThat(calls).hasValue(3);
    }

    @Test
    void catchSendsTheErrorOutputToTheNextState() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Add", "States": {
                  "Add": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "$"},
                    "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Pass", "End": true}}}""", "{\"fail\":\"Oops\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse(
                "{\"fail\":\"Oops\",\"error\":{\"Error\":\"Oops\",\"Cause\":\"{\\\"errorMessage\\\":\\\"asked to fail\\\"}\"}}"));
        assertThat(emulator.history(d.executionArn())).extracting(HistoryEvent::type).contains(HistoryEventType.TASK_FAILED);
    }

    @Test
    void anUncaughtTaskErrorFailsTheExecutionWithThatError() throws Exception {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Add", "States": {"Add": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"Payload.$": "$"}, "End": true}}}""", "{\"fail\":\"Boom\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Boom");
    }

    @Test
    void aTaskLongerThanTimeoutSecondsTimesOut() throws Exception {
        runners.put("ecs", request -> {
            Thread.sleep(30_000);
            return Json.object();
        });
        DescribeExecutionResponse d = run("""
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "TimeoutSeconds": 1, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Timeout");
        assertThat(emulator.history(d.executionArn())).extracting(HistoryEvent::type).contains(HistoryEventType.TASK_TIMED_OUT);
    }

    @Test
    void aTaskTokenIsCompletedBySendTaskSuccess() throws Exception {
        runners.put("sqs", request -> {
            requests.add(request);
            String token = request.taskToken();
            Thread.ofVirtual().start(() -> {
                emulator.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
                emulator.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
            });
            return Json.object().put("MessageId", "m-2");
        });
        DescribeExecutionResponse d = run("""
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "HeartbeatSeconds": 5, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"approved\":true}");
        TaskRequest request = requests.get(0);
        assertThat(request.parameters().path("MessageBody").path("token").asText()).isEqualTo(request.taskToken());
    }

    @Test
    void aTaskTokenIsFailedBySendTaskFailure() throws Exception {
        runners.put("sns", request -> {
            String token = request.parameters().path("Message").asText();
            Thread.ofVirtual().start(() -> emulator.sfn.sendTaskFailure(b -> b.taskToken(token).error("Rejected").cause("no")));
            return Json.object();
        });
        DescribeExecutionResponse d = run("""
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "Parameters": {"TopicArn": "t", "Message.$": "$$.Task.Token"}, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Rejected");
        assertThat(d.cause()).isEqualTo("no");
    }

    @Test
    void aTaskTokenWithoutHeartbeatsTimesOut() throws Exception {
        runners.put("sqs", request -> Json.object());
        DescribeExecutionResponse d = run("""
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "HeartbeatSeconds": 1, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void aSyncJobThatStopsReportingHeartbeatsTimesOut() throws Exception {
        runners.put("ecs", request -> {
            request.heartbeat().run();
            Thread.sleep(30_000);
            return Json.object();
        });
        DescribeExecutionResponse d = run("""
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "HeartbeatSeconds": 1, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void startExecutionSync2WaitsForTheChildAndReturnsItsOutputAsJson() throws Exception {
        String child = emulator.createMachine("child", """
                {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.n, $.n)"}, "End": true}}}""");
        DescribeExecutionResponse d = run("""
                {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Parameters": {"StateMachineArn": "%s", "Input": {"n.$": "$.n"}}, "OutputPath": "$.Output", "End": true}}}""".formatted(child),
                "{\"n\":21}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"twice\":42}");
    }

    @Test
    void aFailedChildFailsTheSyncTask() throws Exception {
        String child = emulator.createMachine("failing", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "ChildError", "Cause": "bad"}}}""");
        DescribeExecutionResponse d = run("""
                {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                  "Parameters": {"StateMachineArn": "%s"}, "End": true}}}""".formatted(child), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.TaskFailed");
        assertThat(d.cause()).contains("\"Error\":\"ChildError\"");
    }

    @Test
    void anUnknownResourceIsRefusedOnCreate() {
        assertThatThrownBy(() -> emulator.createMachine("unknown", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::teleport:beam", "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("is not recognized");
    }

    @Test
    void jsonataTasksTakeArgumentsAndShapeOutput() throws Exception {
        DescribeExecutionResponse d = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Add", "States": {"Add": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"FunctionName": "adder", "Payload": {"a": "{% $states.input.x %}", "b": 10}},
                  "Assign": {"total": "{% $states.result.Payload.sum %}"},
                  "Output": {"sum": "{% $states.result.Payload.sum %}"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": {"fromVariable": "{% $total %}"}, "End": true}}}""", "{\"x\":5}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"fromVariable\":15}");
    }
}
