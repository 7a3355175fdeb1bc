package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import org.junit.jupiter.api.Test;

/** States.Hash. */
class HashFunctionTest {
    @Test
    void hash_isLowercaseHexOfTheAlgorithm() {
        assertThat(eval("States.Hash('abc', 'SHA-256')").textValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(eval("States.Hash('abc', 'MD5')").textValue()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void hash_withAnUnknownAlgorithm_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.Hash('abc', 'SHA-3')")).isInstanceOf(StatesIntrinsicFailure.class);
    }
}
