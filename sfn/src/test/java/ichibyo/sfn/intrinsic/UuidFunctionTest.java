package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** States.UUID. */
class UuidFunctionTest {
    @Test
    void uuid_isARandomVersion4Uuid() {
        UUID a = UUID.fromString(eval("States.UUID()").textValue());
        assertThat(a.version()).isEqualTo(4);
        assertThat(eval("States.UUID()").textValue()).isNotEqualTo(a.toString());
    }
}
