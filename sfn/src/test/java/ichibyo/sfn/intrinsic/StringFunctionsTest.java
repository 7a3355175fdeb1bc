package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** States.Format and States.StringSplit. */
class StringFunctionsTest {
    @Test
    void format_fillsPlaceholdersInOrder() {
        assertThat(eval("States.Format('{} and {}', $.a, 'b')", "{\"a\":\"a\"}").textValue()).isEqualTo("a and b");
    }

    @Test
    void format_escapedBracesAndBackslashesAreLiteral() {
        assertThat(eval("States.Format('\\\\{\\\\} {} \\\\\\\\', 'x')").textValue()).isEqualTo("{} x \\");
    }

    @Test
    void format_withMorePlaceholdersThanArguments_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.Format('{} {}', 'x')")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void stringSplit_splitsOnEachDelimiterCharacterAndDropsEmptyPieces() {
        assertThat(eval("States.StringSplit('a,b;;c', ',;')")).isEqualTo(Json.parse("[\"a\",\"b\",\"c\"]"));
    }
}
