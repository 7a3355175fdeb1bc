package ichibyo.sfn.intrinsic;

import static ichibyo.sfn.intrinsic.Calls.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesIntrinsicFailure;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** States.Format (placeholders, escapes, how values render) and States.StringSplit; string literal escapes. */
class StringFunctionsTest {
    @Test
    void format_fillsPlaceholdersInOrder() {
        assertThat(eval("States.Format('{} and {}', $.a, 'b')", "{\"a\":\"a\"}").textValue()).isEqualTo("a and b");
    }

    @Test
    void format_escapedBracesAndBackslashesAreLiteral() {
        // intrinsic text: '\{\} {} \\' (in a JSON definition each backslash is doubled once more)
        assertThat(eval("States.Format('\\{\\} {} \\\\', 'x')").textValue()).isEqualTo("{} x \\");
    }

    @Test
    void format_withMorePlaceholdersThanArguments_failsWithIntrinsicFailure() {
        assertThatThrownBy(() -> eval("States.Format('{} {}', 'x')")).isInstanceOf(StatesIntrinsicFailure.class);
    }

    @Test
    void stringSplit_splitsOnEachDelimiterCharacterAndDropsEmptyPieces() {
        assertThat(eval("States.StringSplit('a,b;;c', ',;')")).isEqualTo(Json.parse("[\"a\",\"b\",\"c\"]"));
    }
    @Test
    void format_rendersAnObjectAsKeyEqualsValuePairsAndAnArrayCommaSeparated() {
        // AWS recorded: {"Arg1": 1, "Arg2": []} formats as {Arg1=1, Arg2=[]}
        assertThat(eval("States.Format('{}', $.o)", "{\"o\":{\"Arg1\":1,\"Arg2\":[]}}").textValue()).isEqualTo("{Arg1=1, Arg2=[]}");
        assertThat(eval("States.Format('{}', $.a)", "{\"a\":[1,\"x\",{\"k\":\"v\"},null,true]}").textValue())
                .isEqualTo("[1, x, {k=v}, null, true]");
    }

    @Test
    void format_rendersNumbersBooleansAndNullAsJson() {
        assertThat(eval("States.Format('{} {} {} {} {}', 1.50, true, null, 42, $.big)", "{\"big\":9223372036854775807}").textValue())
                .isEqualTo("1.5 true null 42 9223372036854775807");
    }

    @Test
    void format_ofALiteralNumber_rendersLikeTheSameNumberInTheInput() {
        assertThat(eval("States.Format('{}', 2.50)").textValue()).isEqualTo(eval("States.Format('{}', $.n)", "{\"n\":2.50}").textValue());
    }

    @Test
    void format_ofContextObjectPaths_rendersTheirValues() {
        assertThat(eval("States.Format('{} in {}', $$.Execution.Name, $$.State)").textValue()).isEqualTo("run-1 in {Name=S}");
    }

    @Test
    void format_escapedBackslashBeforeAPlaceholder_isABackslashThenTheValue() {
        // intrinsic text: '\\{}' = an escaped backslash, then a placeholder
        assertThat(eval("States.Format('\\\\{}', 'x')").textValue()).isEqualTo("\\x");
    }

    @Test
    void format_templateFromAPath_hasNoEscapes() {
        assertThat(eval("States.Format($.t, 'x')", "{\"t\":\"a\\\\{} b\"}").textValue()).isEqualTo("a\\x b");
    }

    @Test
    void stringLiterals_undoTheirEscapesForEveryFunction() {
        // intrinsic text: 'it\'s \{a\},\\' split on ','
        assertThat(eval("States.StringSplit('it\\'s \\{a\\},\\\\', ',')")).isEqualTo(Json.parse("[\"it's {a}\",\"\\\\\"]"));
        assertThat(eval("States.StringSplit('Hello\nWorld', '\n')")).isEqualTo(Json.parse("[\"Hello\",\"World\"]"));
    }

    @Test
    void stringLiteral_withABackslashThatEscapesNothing_isARuntimeErrorNotADefinitionError() {
        Intrinsics.validate("States.Format('a\\qb')");
        assertThatThrownBy(() -> eval("States.Format('a\\qb')")).isInstanceOf(StatesRuntime.class);
    }
}
