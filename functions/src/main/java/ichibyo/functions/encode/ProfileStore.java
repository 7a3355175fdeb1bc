package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.ProfileSet;
import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.encode.exceptions.UnknownProfileSetException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Profile sets as versioned records, changed without a deploy: {@code pk SET#{name}}, {@code sk V#{version:05d}}, the set
 * as JSON in {@code doc}. A set's current version is its latest record, or the seed ({@link ProfileCatalog#seeds()}) when
 * it has none; every version stays readable, so a running job keeps the one it pinned while the next job takes the new one.
 */
public final class ProfileStore {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProfileCatalog seeds;

    public ProfileStore(DynamoDbClient dynamoDb, String table, ProfileCatalog seeds) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.seeds = seeds;
    }

    /** The set's current version. */
    public ProfileSet current(String name) {
        validName(name);
        var items = dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SET#" + name))).scanIndexForward(false).limit(1)).items();
        return items.isEmpty() ? seeds.set(name) : parse(items.getFirst());
    }

    /** Exactly {@code version} of the set: the one a job pinned. */
    public ProfileSet version(String name, int version) {
        validName(name);
        var item = dynamoDb.getItem(g -> g.tableName(table).key(key(name, version))).item();
        if (item != null && !item.isEmpty()) {
            return parse(item);
        }
        Optional<ProfileSet> seed = seeds.names().contains(name) ? Optional.of(seeds.set(name)) : Optional.empty();
        if (seed.isPresent() && seed.get().version() == version) {
            return seed.get();
        }
        throw new UnknownProfileSetException("profile set " + name + " has no version " + version);
    }

    /**
     * Stores {@code set} as the set's next version (its own version number is ignored). Two writers at once: one
     * wins the version, the other is refused (conditional put) and may retry.
     *
     * @return the set as stored, with its version
     */
    public ProfileSet put(ProfileSet set) {
        int next = currentVersion(set.name()) + 1;
        ProfileSet stored = new ProfileSet(set.name(), next, set.description(), set.profiles());
        String doc;
        try {
            doc = Json.mapper().writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(set.name(), next));
        item.put("doc", AttributeValue.fromS(doc));
        try {
            dynamoDb.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ProfileSetChangedException("profile set " + set.name() + " got version " + next + " from another writer: try again");
        }
        return stored;
    }

    private int currentVersion(String name) {
        try {
            return current(name).version();
        } catch (UnknownProfileSetException e) {
            return 0;
        }
    }

    private static Map<String, AttributeValue> key(String name, int version) {
        return Map.of("pk", AttributeValue.fromS("SET#" + name), "sk", AttributeValue.fromS(String.format("V#%05d", version)));
    }

    private static ProfileSet parse(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(item.get("doc").s(), ProfileSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored profile set is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static void validName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,23}")) {
            throw new InvalidProfileException("a profile set name is 1–24 lower-case letters, digits and '-', not " + name);
        }
    }
}
