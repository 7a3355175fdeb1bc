package ichibyo.sfn.state.wait;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void wait_zeroSeconds_passesItsInputOn() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 0, "End": true}}}""", "{\"a\":1}");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
        assertThat(ex.output()).isEqualTo(Json.parse("{\"a\":1}"));
        assertThat(ex.eventTypes()).contains("WaitStateEntered", "WaitStateExited");
    }

    @Test
    void wait_timestampInThePast_endsAtOnce() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}""", "{\"t\":\"2001-01-01T00:00:00Z\"}");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void wait_secondsPathToANegativeNumber_failsWithRuntime() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}""", "{\"s\":-1}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("States.Runtime");
        assertThat(ex.cause()).contains("The SecondsPath parameter references a negative value");
    }

    @Test
    void wait_withTwoOfSecondsAndTimestamp_isAnInvalidDefinition() {
        var out = emulator.call("ValidateStateMachineDefinition", Json.object().put("definition", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Timestamp": "2001-01-01T00:00:00Z", "End": true}}}"""));
        assertThat(out.path("result").asText()).isEqualTo("FAIL");
    }
}
