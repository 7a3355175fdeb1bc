package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** States.StringToJson, States.JsonToString and States.JsonMerge. */
class JsonFunctionsTest {
    @Test
    void stringToJsonAndBack_roundTrip() {
        assertThat(eval("States.StringToJson($.s)", "{\"s\":\"{\\\"a\\\":[1,2]}\"}")).isEqualTo(Json.parse("{\"a\":[1,2]}"));
        assertThat(eval("States.JsonToString($.o)", "{\"o\":{\"a\":[1,2]}}").textValue()).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void jsonMerge_shallow_letsTheSecondObjectWin() {
        assertThat(eval("States.JsonMerge($.a, $.b, false)", "{\"a\":{\"x\":1,\"y\":{\"z\":1}},\"b\":{\"y\":{\"w\":2}}}"))
                .isEqualTo(Json.parse("{\"x\":1,\"y\":{\"w\":2}}"));
    }

    @Test
    void jsonMerge_deep_isNotSupported() {
        assertThatThrownBy(() -> eval("States.JsonMerge($.a, $.a, true)", "{\"a\":{}}")).isInstanceOf(StatesIntrinsicFailure.class);
    }
    @Test
    void stringToJson_ofAnEmptyOrBlankString_isNull() {
        assertThat(eval("States.StringToJson($.s)", "{\"s\":\"\"}").isNull()).isTrue();
        assertThat(eval("States.StringToJson($.s)", "{\"s\":\" \"}").isNull()).isTrue();
        assertThat(eval("States.StringToJson($.s)", "{\"s\":\"-0\"}")).isEqualTo(Json.parse("0"));
    }

    @Test
    void jsonToString_ofScalars_isTheirJsonText() {
        assertThat(eval("States.JsonToString($.v)", "{\"v\":null}").textValue()).isEqualTo("null");
        assertThat(eval("States.JsonToString($.v)", "{\"v\":true}").textValue()).isEqualTo("true");
        assertThat(eval("States.JsonToString($.v)", "{\"v\":\"a\"}").textValue()).isEqualTo("\"a\"");
    }
}
