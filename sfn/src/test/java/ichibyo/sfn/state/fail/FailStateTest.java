package ichibyo.sfn.state.fail;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void fail_withErrorAndCause_failsTheExecutionWithThem() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Broke", "Cause": "on purpose"}}}""", "{}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("Broke");
        assertThat(ex.cause()).isEqualTo("on purpose");
        assertThat(ex.eventTypes()).contains("FailStateEntered").doesNotContain("FailStateExited");
    }

    @Test
    void fail_causePathWithAnIntrinsic_formatsTheCause() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('bad {}', $.n)"}}}""",
                "{\"e\":\"E\",\"n\":3}");
        assertThat(ex.error()).isEqualTo("E");
        assertThat(ex.cause()).isEqualTo("bad 3");
    }

    @Test
    void fail_errorPathThatIsMissing_failsWithRuntime() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.nothing"}}}""", "{}");
        assertThat(ex.error()).isEqualTo("States.Runtime");
        assertThat(ex.cause()).contains("could not be found in the input");
    }
}
