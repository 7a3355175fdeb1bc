package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesItemReaderFailed;
import ichibyo.sfn.json.Json;
import java.util.ArrayList;
import java.util.List;

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

    /** RFC 4180 rows: quoted fields may hold delimiters, newlines and doubled quotes. */
    private static List<List<String>> rows(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
