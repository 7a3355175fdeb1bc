package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import org.junit.jupiter.api.Test;

/** States.Base64Encode and States.Base64Decode. */
class EncodingFunctionsTest {
    @Test
    void base64_encodesUtf8AndDecodesBack() {
        assertThat(eval("States.Base64Encode('héllo')").textValue()).isEqualTo("aMOpbGxv");
        assertThat(eval("States.Base64Decode('aMOpbGxv')").textValue()).isEqualTo("héllo");
    }

    @Test
    void base64Encode_ofMoreThanTenThousandCharacters_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.Base64Encode($.s)", "{\"s\":\"" + "x".repeat(10_001) + "\"}"))
                .isInstanceOf(StatesIntrinsicFailure.class);
    }
}
