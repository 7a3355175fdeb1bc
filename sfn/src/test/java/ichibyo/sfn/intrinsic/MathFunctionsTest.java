package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import org.junit.jupiter.api.Test;

/** States.MathAdd and States.MathRandom. */
class MathFunctionsTest {
    @Test
    void mathAdd_addsIntegers() {
        assertThat(eval("States.MathAdd($.a, -3)", "{\"a\":10}").longValue()).isEqualTo(7);
    }

    @Test
    void mathAdd_ofAString_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.MathAdd('1', 2)")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void mathRandom_staysWithinStartInclusiveAndEndExclusive() {
        for (int i = 0; i < 200; i++) {
            long v = eval("States.MathRandom(3, 6)").longValue();
            assertThat(v).isBetween(3L, 5L);
        }
    }

    @Test
    void mathRandom_withASeed_isRepeatable() {
        assertThat(eval("States.MathRandom(0, 1000, 42)")).isEqualTo(eval("States.MathRandom(0, 1000, 42)"));
    }

    @Test
    void mathRandom_whoseEndIsNotAboveStart_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.MathRandom(5, 5)")).isInstanceOf(StatesIntrinsicFailure.class);
    }
    @Test
    void mathRandom_roundsDecimalBoundsToTheNearestInteger() {
        for (int i = 0; i < 200; i++) {
            assertThat(eval("States.MathRandom($.a, $.b)", "{\"a\":12.50,\"b\":44.51}").longValue()).isBetween(13L, 44L);
        }
        assertThat(eval("States.MathRandom(1.4, 2.4)").longValue()).isEqualTo(1L);
    }

    @Test
    void mathRandom_ofNegativeBounds_staysInRange() {
        for (int i = 0; i < 200; i++) {
            assertThat(eval("States.MathRandom(-99999, -9999)").longValue()).isBetween(-99999L, -10000L);
        }
    }

    @Test
    void mathRandom_whoseBoundsRoundToTheSameInteger_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.MathRandom(1.2, 1.4)")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void mathRandom_ofAString_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.MathRandom('1', 5)")).isInstanceOf(StatesIntrinsicFailure.class);
    }
}
