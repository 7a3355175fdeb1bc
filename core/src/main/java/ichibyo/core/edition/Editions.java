package ichibyo.core.edition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import ichibyo.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editions document: every edition, as data. The default ships in core
 * ({@code ichibyo/core/edition/editions.json}); a handler may read an override (from S3, SSM or an
 * environment variable) and pass its text to {@link #fromJson}, so rules change without a deploy.
 *
 * @param version  the document's format, {@value #CURRENT_VERSION}
 * @param editions the editions; ids are unique
 */
public record Editions(int version, List<Edition> editions) {
    public static final int CURRENT_VERSION = 1;
    static final String RESOURCE = "editions.json";

    public Editions {
        editions = editions == null ? List.of() : List.copyOf(editions);
        if (version != CURRENT_VERSION) {
            throw new InvalidEditionsException("editions document version " + version + " is not " + CURRENT_VERSION);
        }
        if (editions.isEmpty()) {
            throw new InvalidEditionsException("the editions document has no editions");
        }
        if (editions.stream().map(Edition::id).distinct().count() != editions.size()) {
            throw new InvalidEditionsException("edition ids are not unique");
        }
    }

    private static volatile Editions defaults;

    /** The document that ships in core. */
    public static Editions defaults() {
        Editions d = defaults;
        if (d == null) {
            try (InputStream in = Editions.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the default editions document " + RESOURCE + " is missing from the classpath");
                }
                d = fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /** The override when there is one (non-blank text), else the defaults. */
    public static Editions load(String overrideJson) {
        return overrideJson == null || overrideJson.isBlank() ? defaults() : fromJson(overrideJson);
    }

    /** @throws InvalidEditionsException for text that is not a valid editions document */
    public static Editions fromJson(String json) {
        try {
            return Json.mapper().readValue(json, Editions.class);
        } catch (JsonMappingException e) {
            // A rule broken inside a record's constructor arrives wrapped: surface it as it is.
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof InvalidEditionsException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidEditionsException invalid) {
                throw invalid;
            }
            throw new InvalidEditionsException("not an editions document: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEditionsException("not an editions document: " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws UnknownEditionException when there is no edition {@code id} */
    public Edition edition(String id) {
        for (Edition e : editions) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new UnknownEditionException(id, editions.stream().map(Edition::id).toList());
    }

    public Map<String, Edition> byId() {
        Map<String, Edition> map = new LinkedHashMap<>();
        editions.forEach(e -> map.put(e.id(), e));
        return map;
    }
}
