package ichibyo.sfn.state.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.sfn.error.StatesItemReaderFailed;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** The ItemReader's input types: JSON arrays, JSON Lines and RFC 4180 CSV. */
class ItemFormatsTest {
    private static String csv(String text, String config) {
        return Json.write(Json.array().addAll(ItemFormats.parse(text, Json.parse(config))));
    }

    @Test
    void csv_quotedFieldsHoldDelimitersNewlinesAndDoubledQuotes() {
        assertThat(csv("a,b\r\n\"x,y\",\"line\nbreak\"\n\"say \"\"hi\"\"\",2", "{\"InputType\":\"CSV\"}"))
                .isEqualTo("[{\"a\":\"x,y\",\"b\":\"line\\nbreak\"},{\"a\":\"say \\\"hi\\\"\",\"b\":\"2\"}]");
    }

    @Test
    void csv_emptyLinesAreSkippedAndMissingFieldsAreEmpty() {
        assertThat(csv("a,b,c\n\n1\n2,3,4,5\n", "{\"InputType\":\"CSV\"}"))
                .isEqualTo("[{\"a\":\"1\",\"b\":\"\",\"c\":\"\"},{\"a\":\"2\",\"b\":\"3\",\"c\":\"4\"}]");
    }

    @Test
    void csv_givenHeadersAndAnotherDelimiter_readEveryRowAsData() {
        assertThat(csv("1|x\n2|y", "{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"GIVEN\",\"CSVHeaders\":[\"n\",\"s\"],\"CSVDelimiter\":\"PIPE\"}"))
                .isEqualTo("[{\"n\":\"1\",\"s\":\"x\"},{\"n\":\"2\",\"s\":\"y\"}]");
    }

    @Test
    void csv_spacesAreKept() {
        assertThat(csv("a;b\n x ; y ", "{\"InputType\":\"CSV\",\"CSVDelimiter\":\"SEMICOLON\"}")).isEqualTo("[{\"a\":\" x \",\"b\":\" y \"}]");
    }

    @Test
    void jsonLines_readOneValuePerLine() {
        assertThat(ItemFormats.parse("{\"a\":1}\n\n[2]\n", Json.parse("{\"InputType\":\"JSONL\"}"))).hasSize(2);
    }

    @Test
    void json_thatIsNotAnArray_failsTheReader() {
        assertThatThrownBy(() -> ItemFormats.parse("{\"a\":1}", Json.parse("{\"InputType\":\"JSON\"}")))
                .isInstanceOf(StatesItemReaderFailed.class).hasMessageContaining("non-iterable");
    }
}
