package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
class ArrayFunctionsTest {
    @Test
    void array_collectsItsArguments() {
        assertThat(Json.write(eval("States.Array(1, 'a', $.x, null)", "{\"x\":{\"y\":true}}"))).isEqualTo("[1,\"a\",{\"y\":true},null]");
    }

    @Test
    void arrayPartition_chunksWithAShorterLastChunk() {
        assertThat(eval("States.ArrayPartition($.a, 2)", "{\"a\":[1,2,3,4,5]}")).isEqualTo(Json.parse("[[1,2],[3,4],[5]]"));
    }

    @Test
    void arrayPartition_withAZeroSize_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.ArrayPartition($.a, 0)", "{\"a\":[1]}")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void arrayContains_comparesNumbersByValue() {
        assertThat(eval("States.ArrayContains($.a, 2)", "{\"a\":[1,2.0]}").booleanValue()).isTrue();
        assertThat(eval("States.ArrayContains($.a, 'x')", "{\"a\":[1]}").booleanValue()).isFalse();
    }

    @Test
    void arrayRange_countsInclusivelyBySteps() {
        assertThat(Json.write(eval("States.ArrayRange(1, 9, 3)"))).isEqualTo("[1,4,7]");
        assertThat(Json.write(eval("States.ArrayRange(5, 1, -2)"))).isEqualTo("[5,3,1]");
    }

    @Test
    void arrayRange_ofMoreThanAThousandItems_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.ArrayRange(0, 2000, 1)")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void arrayGetItem_readsByIndex_andFailsOutOfBounds() {
        assertThat(eval("States.ArrayGetItem($.a, 1)", "{\"a\":[\"x\",\"y\"]}").textValue()).isEqualTo("y");
        assertThatThrownBy(() -> eval("States.ArrayGetItem($.a, 2)", "{\"a\":[\"x\",\"y\"]}")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void arrayLengthAndUnique() {
        assertThat(eval("States.ArrayLength($.a)", "{\"a\":[1,2,3]}").intValue()).isEqualTo(3);
        assertThat(eval("States.ArrayUnique($.a)", "{\"a\":[1,2,1,\"1\"]}")).isEqualTo(Json.parse("[1,2,\"1\"]"));
    }

    @Test
    void arrayLength_withTwoArguments_failsOnItsSignature() {
        assertThatThrownBy(() -> eval("States.ArrayLength($.a, $.a)", "{\"a\":[]}")).isInstanceOf(StatesIntrinsicFailure.class)
                .hasMessageContaining("expects 1 arguments, but 2 were given");
    }
}
