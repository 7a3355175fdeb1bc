package ichibyo.sfn.state.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Task states through the task SPI: what a runner receives, results, failures, Retry and Catch, resources. */
class TaskStateTest {
    private final List<TaskRequest> requests = new CopyOnWriteArrayList<>();

    private Emulator emulator(TaskRunner runner) {
        return new Emulator(service -> service.equals("echo") || service.equals("lambda") ? Optional.of(request -> {
            requests.add(request);
            return runner.run(request);
        }) : Optional.empty());
    }

    @Test
    void task_passesItsParametersToTheRunnerAndSelectsFromTheResult() throws Exception {
        try (Emulator e = emulator(r -> Json.object().put("got", r.parameters().path("x").asInt()).put("noise", 1))) {
            var ex = e.run("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"x.$": "$.n"}, "ResultSelector": {"got.$": "$.got"}, "ResultPath": "$.r", "End": true}}}""", "{\"n\":7}");
            assertThat(ex.output()).isEqualTo(Json.parse("{\"n\":7,\"r\":{\"got\":7}}"));
            assertThat(requests).singleElement().satisfies(r -> {
                assertThat(r.service()).isEqualTo("lambda");
                assertThat(r.action()).isEqualTo("invoke");
                assertThat(r.pattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
                assertThat(r.executionArn()).isEqualTo(ex.arn());
            });
            assertThat(ex.eventTypes()).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSucceeded");
        }
    }

    @Test
    void task_failure_isRetriedThenCaught() throws Exception {
        try (Emulator e = emulator(r -> {
            throw new TaskFailedException("Custom.Error", "nope");
        })) {
            var ex = e.run("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                        "Retry": [{"ErrorEquals": ["Custom.Error"], "IntervalSeconds": 0, "MaxAttempts": 2}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Done"}]},
                      "Done": {"Type": "Succeed"}}}""", "{}");
            assertThat(ex.status()).isEqualTo("SUCCEEDED");
            assertThat(ex.output().path("err").path("Error").asText()).isEqualTo("Custom.Error");
            assertThat(requests).hasSize(3);
        }
    }

    @Test
    void task_withNoRunnerForItsService_failsWithRuntime() throws Exception {
        try (Emulator e = emulator(r -> Json.object())) {
            var ex = e.run("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}""", "{}");
            assertThat(ex.status()).isEqualTo("FAILED");
            assertThat(ex.error()).isEqualTo("States.Runtime");
        }
    }

    @Test
    void taskResource_readsThePatternFromTheSuffix() {
        assertThat(TaskResource.parse("arn:aws:states:::ecs:runTask.sync", "/T").pattern()).isEqualTo(IntegrationPattern.RUN_JOB);
        assertThat(TaskResource.parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "/T").eventResource())
                .isEqualTo("sendMessage.waitForTaskToken");
        assertThat(TaskResource.parse("arn:aws:lambda:us-east-1:123456789012:function:f", "/T").bareLambda()).isTrue();
        assertThat(TaskResource.parse("arn:aws:states:::aws-sdk:s3:getObject", "/T").service()).isEqualTo("aws-sdk:s3");
        assertThatThrownBy(() -> TaskResource.parse("arn:aws:states:::nosuch:thing", "/T")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("is not recognized");
    }
}
