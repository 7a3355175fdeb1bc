package ichibyo.sfn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import org.junit.jupiter.api.Test;

/** Reference paths over the input, the context object and variables. */
class JsonPathsTest {
    private static final JsonNode INPUT = Json.parse("""
            {"users": [{"name": "a", "status": 0, "year": 1998}, {"name": "b", "status": 1, "year": 2000}], "n": 3}""");

    private static JsonNode select(String path) throws JsonPaths.NotFound {
        Variables vars = new Variables(null);
        vars.assignAll(java.util.Map.of("x", Json.parse("{\"deep\": [10, 20]}")));
        return JsonPaths.select(path, new JsonPaths.Scope(INPUT, Json.parse("{\"State\": {\"Name\": \"S\"}}"), vars));
    }

    @Test
    void filtersSlicesAndWildcardsSelectArrays() throws Exception {
        assertThat(select("$.users[?(@.status == 0)]")).isEqualTo(Json.parse("[{\"name\":\"a\",\"status\":0,\"year\":1998}]"));
        assertThat(select("$.users[?(@.year < 1999)].name")).isEqualTo(Json.parse("[\"a\"]"));
        assertThat(select("$.users[*].name")).isEqualTo(Json.parse("[\"a\",\"b\"]"));
        assertThat(select("$.users[1:].name")).isEqualTo(Json.parse("[\"b\"]"));
        assertThat(select("$.missing[*]")).isEqualTo(Json.parse("[]"));
    }

    @Test
    void definitePathsSelectOneValue() throws Exception {
        assertThat(select("$.users[0].name").asText()).isEqualTo("a");
        assertThat(select("$.n").asInt()).isEqualTo(3);
        assertThat(select("$$.State.Name").asText()).isEqualTo("S");
        assertThat(select("$x.deep[1]").asInt()).isEqualTo(20);
        assertThat(select("$").get("n").asInt()).isEqualTo(3);
    }

    @Test
    void fieldNamesMayHoldHyphens() throws Exception {
        JsonNode doc = Json.parse("{\"delivery-partner\": \"UQS\"}");
        assertThat(JsonPaths.select("$.delivery-partner", new JsonPaths.Scope(doc, Json.object(), null)).asText()).isEqualTo("UQS");
    }

    @Test
    void aMissingDefinitePathIsNotFound() {
        assertThatThrownBy(() -> select("$.nope")).isInstanceOf(JsonPaths.NotFound.class).hasMessageContaining("No results for path");
        assertThatThrownBy(() -> select("$undefinedVariable")).isInstanceOf(JsonPaths.NotFound.class);
    }

    @Test
    void rootFilterOverAnArray() throws Exception {
        JsonNode array = INPUT.get("users");
        JsonNode r = JsonPaths.select("$.[?(@.year <= 1998)]", new JsonPaths.Scope(array, Json.object(), null));
        assertThat(r).isEqualTo(Json.parse("[{\"name\":\"a\",\"status\":0,\"year\":1998}]"));
        JsonNode r2 = JsonPaths.select("$[?(@.year <= 1999)]", new JsonPaths.Scope(array, Json.object(), null));
        assertThat(r2).hasSize(1);
    }
    @Test
    void bracketNotationSelectsKeysWithDotsSpacesAndQuotes() throws Exception {
        JsonNode doc = Json.parse("{\"a.b\": 1, \"key with space\": 2, \"abc\": {\"def ghi\": 3, \"it's\": 4}}");
        JsonPaths.Scope scope = new JsonPaths.Scope(doc, Json.object(), null);
        assertThat(JsonPaths.select("$['a.b']", scope).asInt()).isEqualTo(1);
        assertThat(JsonPaths.select("$.['key with space']", scope).asInt()).isEqualTo(2);
        assertThat(JsonPaths.select("$.abc.['def ghi']", scope).asInt()).isEqualTo(3);
        assertThat(JsonPaths.select("$.abc['def ghi']", scope).asInt()).isEqualTo(3);
        assertThat(JsonPaths.select("$.abc[\"it's\"]", scope).asInt()).isEqualTo(4);
    }
}
