package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesItemReaderFailed;
import ichibyo.sfn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The ItemReader input types: JSON (an array), JSONL (one value per line), CSV (rows as objects, headers first or given). */
public final class ItemFormats {
    private ItemFormats() {}

    public static List<JsonNode> parse(String text, JsonNode readerConfig) {
        String type = readerConfig.path("InputType").asText("JSON");
        List<JsonNode> items = new ArrayList<>();
        switch (type) {
            case "JSON" -> {
                JsonNode root;
                try {
                    root = Json.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new StatesItemReaderFailed("The object is not valid JSON: " + e.getMessage());
                }
                if (!root.isArray()) throw new StatesItemReaderFailed("Attempting to map over non-iterable node.");
                root.forEach(items::add);
            }
            case "JSONL" -> {
                for (String line : text.split("\r?\n")) {
                    if (line.isBlank()) continue;
                    try {
                        items.add(Json.parse(line));
                    } catch (IllegalArgumentException e) {
                        throw new StatesItemReaderFailed("A line is not valid JSON: " + line);
                    }
                }
            }
            case "CSV" -> items.addAll(csv(text, readerConfig));
            default -> throw new StatesItemReaderFailed("Unsupported InputType: " + type);
        }
        return items;
    }

    private static List<JsonNode> csv(String text, JsonNode config) {
        char delimiter = switch (config.path("CSVDelimiter").asText("COMMA")) {
            case "PIPE" -> '|';
            case "SEMICOLON" -> ';';
            case "SPACE" -> ' ';
            case "TAB" -> '\t';
            default -> ',';
        };
        List<List<String>> rows = rows(text, delimiter);
        List<String> headers;
        int first;
        if ("GIVEN".equals(config.path("CSVHeaderLocation").asText("FIRST_ROW"))) {
            headers = new ArrayList<>();
            config.path("CSVHeaders").forEach(h -> headers.add(h.asText()));
            first = 0;
        } else {
            if (rows.isEmpty()) return List.of();
            headers = rows.get(0);
            first = 1;
        }
        List<JsonNode> items = new ArrayList<>();
        for (int r = first; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) continue;
            ObjectNode o = Json.object();
            for (int c = 0; c < headers.size(); c++) o.put(headers.get(c), c < row.size() ? row.get(c) : "");
            items.add(o);
        }
        return items;
    }

    /** RFC 4180 rows (Commons CSV): quoted fields may hold delimiters, newlines and doubled quotes. */
    private static List<List<String>> rows(String text, char delimiter) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                // An empty line is a row of one empty field, which csv() skips; text after a closing quote and
                // an unterminated quote at the end are kept, as the reader this one replaces kept them.
                .setIgnoreEmptyLines(false)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) rows.add(record.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new StatesItemReaderFailed("The CSV object is malformed: " + e.getMessage());
        }
        return rows;
    }
}
