package ichibyo.functions.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The media bucket as the delivery steps use it: small JSON and JSON Lines documents under a run's
 * prefix ({@code runs/{edition}/{period}/}), and the edition the run pinned when it was planned
 * ({@code edition.json}), so every step of one run applies the same rules even if the editions
 * document changes meanwhile.
 */
final class RunStorage {
    /** Editions pinned by runs, kept per container: a run's families read it once, not once each. */
    private static final int CACHED_EDITIONS = 16;

    private final S3Client s3;
    private final String bucket;
    private final Map<String, Edition> editions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Edition> eldest) {
            return size() > CACHED_EDITIONS;
        }
    });

    RunStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    S3Client s3() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    static String editionKey(String runPrefix) {
        return runPrefix + "edition.json";
    }

    void putJson(String key, Object value) {
        try {
            putText(key, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void putText(String key, String text, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    /** The object's text, or empty when there is no such object. */
    Optional<String> text(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    <T> T json(String key, Class<T> type) {
        String text = text(key).orElseThrow(() -> new RunDocumentMissingException(bucket, key));
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("s3://" + bucket + "/" + key + " is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * The edition the run was planned with; when the run pinned none (a step invoked on its own), the
     * edition {@code id} of the current editions document.
     */
    Edition edition(String runPrefix, String id) {
        Edition cached = editions.get(runPrefix);
        if (cached != null) {
            return cached;
        }
        Edition edition = text(editionKey(runPrefix)).isPresent()
                ? json(editionKey(runPrefix), Edition.class)
                : Editions.load(text(PlanDeliveryRunHandler.EDITIONS_KEY).orElse(null)).edition(id);
        editions.put(runPrefix, edition);
        return edition;
    }

    /** Pins the run's edition (plan-delivery-run). */
    void pinEdition(String runPrefix, Edition edition) {
        putJson(editionKey(runPrefix), edition);
        editions.put(runPrefix, edition);
    }
}
