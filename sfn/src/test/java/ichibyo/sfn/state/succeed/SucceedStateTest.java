package ichibyo.sfn.state.succeed;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SucceedStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void succeed_endsTheExecutionWithItsFilteredInput() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.keep", "OutputPath": "$.x"}}}""",
                "{\"keep\":{\"x\":[1,2]},\"drop\":0}");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
        assertThat(ex.output()).isEqualTo(Json.parse("[1,2]"));
        assertThat(ex.eventTypes()).containsSubsequence("SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
    }
}
