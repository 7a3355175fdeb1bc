package ichibyo.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTokenTest {

    @Test
    void heartbeat_isAThirdOfTheStatesHeartbeatSeconds_andAtLeastOneSecond() {
        assertThat(TaskToken.fromEnvironment(Map.of("TASK_TOKEN", "t", "HEARTBEAT_SECONDS", "60")).orElseThrow().heartbeatInterval())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(TaskToken.fromEnvironment(Map.of("TASK_TOKEN", "t", "HEARTBEAT_SECONDS", "2")).orElseThrow().heartbeatInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noToken_meansNoReports_andATokenWithoutHeartbeatSeconds_beatsNever() {
        assertThat(TaskToken.fromEnvironment(Map.of())).isEmpty();
        assertThat(TaskToken.fromEnvironment(Map.of("TASK_TOKEN", "t")).orElseThrow().heartbeatInterval()).isNull();
    }

    @Test
    void badHeartbeatSeconds_isRefusedByName() {
        assertThatThrownBy(() -> TaskToken.fromEnvironment(Map.of("TASK_TOKEN", "t", "HEARTBEAT_SECONDS", "soon")))
                .hasMessageContaining("HEARTBEAT_SECONDS");
    }

    @Test
    void token_isNeverPrintedWhole() {
        assertThat(TaskToken.fromEnvironment(Map.of("TASK_TOKEN", "AAAAAAAAsecretsecret")).orElseThrow().toString())
                .doesNotContain("secret");
    }

    @Test
    void reporter_sendsOneReportOnly_theFirst() {
        TaskReporter reporter = TaskReporter.none();
        assertThat(reporter.succeed("{}")).isTrue();
        assertThat(reporter.fail(TaskMain.INTERRUPTED, "too late")).isFalse();
    }
}
