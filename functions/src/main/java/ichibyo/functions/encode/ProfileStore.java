package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.ProfileSet;
import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.encode.exceptions.UnknownProfileSetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Profile sets and profiles as versioned records, changed without a deploy: {@code pk SET#{name}}, {@code sk V#{version:05d}}, the set
 * as JSON in {@code doc}; {@code pk PROFILE#{id}}, {@code sk V#{version:05d}}, one profile ({@link #putProfile}). A set's current version is its latest record, or the seed ({@link ProfileCatalog#seeds()}) when
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
        try {
            dynamoDb.putItem(p -> p.tableName(table).item(setItem(stored)).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ProfileSetChangedException("profile set " + set.name() + " got version " + next + " from another writer: try again");
        }
        return stored;
    }

    /** A profile stored as its next version, and the sets that now hold it (each at its own next version). */
    public record ProfileChange(Profile profile, List<ProfileSet> sets) {}

    /** The most profile sets one profile change rewrites (with the profile, a transaction's 100 writes), and the most stored records a search for them reads. */
    static final int MAX_SETS = 99;
    private static final int MAX_SCANNED = 5_000;

    /**
     * Stores {@code profile} as its next version (its own version number is ignored: one above the highest it has in the
     * table or in any current set), then every set whose current version holds a profile of that id as that set's next
     * version, with the new profile in its place. The next job that names such a set pins the new version; a running job
     * keeps the one it pinned. The profile and every set are written in one transaction, all or none: two writers at
     * once, one wins and the other is refused ({@link ProfileSetChangedException}) with nothing of its change stored.
     */
    public ProfileChange putProfile(Profile profile) {
        List<ProfileSet> holding = new ArrayList<>();
        int highest = 0;
        for (String name : setNames()) {
            ProfileSet set = current(name);
            for (Profile p : set.profiles()) {
                if (p.id().equals(profile.id())) {
                    holding.add(set);
                    highest = Math.max(highest, p.version());
                }
            }
        }
        if (holding.size() > MAX_SETS) {
            throw new InvalidProfileException("profile " + profile.id() + " is in " + holding.size() + " sets, over " + MAX_SETS);
        }
        var latest = dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PROFILE#" + profile.id()))).scanIndexForward(false).limit(1)).items();
        if (!latest.isEmpty()) {
            highest = Math.max(highest, Integer.parseInt(latest.getFirst().get("sk").s().substring(2)));
        }
        int next = highest + 1;
        Profile stored = new Profile(profile.id(), next, profile.codec(), profile.maxWidth(), profile.maxHeight(), profile.frameRate(),
                profile.rateControl(), profile.gopSeconds(), profile.preset(), profile.audio(), profile.container());
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("pk", AttributeValue.fromS("PROFILE#" + profile.id()),
                "sk", AttributeValue.fromS(String.format("V#%05d", next))));
        item.put("doc", AttributeValue.fromS(json(stored)));
        List<TransactWriteItem> writes = new ArrayList<>(List.of(newRecord(item)));
        List<ProfileSet> changed = new ArrayList<>();
        for (ProfileSet set : holding) {
            List<Profile> profiles = set.profiles().stream().map(p -> p.id().equals(stored.id()) ? stored : p).toList();
            ProfileSet nextSet = new ProfileSet(set.name(), set.version() + 1, set.description(), profiles);
            writes.add(newRecord(setItem(nextSet)));
            changed.add(nextSet);
        }
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new ProfileSetChangedException("profile " + profile.id() + " or a set holding it got a new version from another writer: "
                        + "nothing was stored, try again");
            }
            throw e;
        }
        return new ProfileChange(stored, changed);
    }

    private TransactWriteItem newRecord(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> setItem(ProfileSet stored) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(stored.name(), stored.version()));
        item.put("doc", AttributeValue.fromS(json(stored)));
        return item;
    }

    /** The names of every set: the seeds' and those stored (one bounded scan of the set records). */
    private java.util.Set<String> setNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(seeds.names());
        Map<String, AttributeValue> start = null;
        int scanned = 0;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.scan(q -> q.tableName(table).filterExpression("begins_with(pk, :set)").projectionExpression("pk")
                    .expressionAttributeValues(Map.of(":set", AttributeValue.fromS("SET#"))).exclusiveStartKey(from));
            scanned += page.scannedCount();
            page.items().forEach(i -> names.add(i.get("pk").s().substring("SET#".length())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && scanned < MAX_SCANNED);
        return names;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
