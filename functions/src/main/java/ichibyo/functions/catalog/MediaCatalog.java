package ichibyo.functions.catalog;

import static ichibyo.core.catalog.CatalogKeys.*;

import com.fasterxml.jackson.core.type.TypeReference;
import ichibyo.core.delivery.MaterialCount;
import ichibyo.core.Json;
import ichibyo.core.catalog.CatalogKeys;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.media.MediaKind;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The media catalog table (keys in {@link CatalogKeys}, access patterns in docs/catalog.md). An item
 * and the per-family monthly counters change together, in one transaction conditioned on the item
 * being absent or still the version read before: so a duplicate or out-of-order event can neither
 * create a second item, nor overwrite a newer result, nor count twice.
 */
public final class MediaCatalog {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DynamoDbClient dynamoDb;
    private final String table;

    public MediaCatalog(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<MediaItem> find(String familyId, String mediaId) {
        var response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(familyPk(familyId)), SK, AttributeValue.fromS(mediaSk(mediaId)))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().convertValue(AttributeValues.toMap(response.item()), MediaItem.class));
    }

    /**
     * Writes {@code item} in place of {@code previous} (null: no item yet).
     *
     * @return false when another writer got there first (the item is no longer {@code previous})
     */
    public boolean save(MediaItem item, MediaItem previous) {
        Map<String, Object> attributes = Json.mapper().convertValue(item, MAP);
        attributes.put(PK, familyPk(item.familyId()));
        attributes.put(SK, mediaSk(item.mediaId()));
        attributes.put("sourceSequencer", item.source().orderedSequencer());
        if (item.isUsable()) {
            attributes.put(BY_MONTH_PK, byMonthPk(item.familyId(), item.month(), item.kind()));
            attributes.put(BY_MONTH_SK, byMonthSk(item.score(), item.takenAt(), item.mediaId()));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(AttributeValues.fromMap(attributes));
            if (previous == null) {
                p.conditionExpression("attribute_not_exists(pk)");
            } else {
                p.conditionExpression("sourceSequencer = :previous")
                        .expressionAttributeValues(Map.of(":previous", AttributeValue.fromS(previous.source().orderedSequencer())));
            }
        }).build());
        counterDeltas(item, previous).forEach((month, deltas) -> writes.add(TransactWriteItem.builder().update(u -> u
                .tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(familyPk(item.familyId())), SK, AttributeValue.fromS(countSk(month))))
                .updateExpression("ADD photos :photos, videos :videos SET #g2pk = :g2pk, #g2sk = :g2sk")
                .expressionAttributeNames(Map.of("#g2pk", COUNTS_PK, "#g2sk", COUNTS_SK))
                .expressionAttributeValues(Map.of(
                        ":photos", AttributeValue.fromN(String.valueOf(deltas.photos())),
                        ":videos", AttributeValue.fromN(String.valueOf(deltas.videos())),
                        ":g2pk", AttributeValue.fromS(countsPk(month)),
                        ":g2sk", AttributeValue.fromS(item.familyId())))).build()));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            boolean conditionFailed = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
            if (conditionFailed) {
                return false;
            }
            throw e;
        }
    }

    /** Per month, the change in usable photos and videos. */
    private static Map<YearMonth, MaterialCount> counterDeltas(MediaItem item, MediaItem previous) {
        Map<YearMonth, MaterialCount> deltas = new LinkedHashMap<>();
        if (previous != null && previous.isUsable()) {
            deltas.merge(previous.month(), MaterialCount.of(previous.kind(), -1), MaterialCount::plus);
        }
        if (item.isUsable()) {
            deltas.merge(item.month(), MaterialCount.of(item.kind(), 1), MaterialCount::plus);
        }
        deltas.values().removeIf(MaterialCount::isNone);
        return deltas;
    }

    /** The usable photos or videos of a family in one month, best first. */
    public List<MediaItem> bestOfMonth(String familyId, YearMonth month, MediaKind kind, int limit) {
        var response = dynamoDb.query(q -> q.tableName(table).indexName(BY_MONTH_INDEX)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", BY_MONTH_PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(byMonthPk(familyId, month, kind))))
                .scanIndexForward(true)
                .limit(limit));
        return response.items().stream()
                .map(i -> Json.mapper().convertValue(AttributeValues.toMap(i), MediaItem.class))
                .toList();
    }

    /** A family's whole catalog, usable or not, in media id order (docs/catalog.md, pattern 6). */
    public List<MediaItem> items(String familyId) {
        return dynamoDb.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :media)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(familyPk(familyId)),
                                ":media", AttributeValue.fromS(mediaSk("")))))
                .items().stream()
                .map(i -> Json.mapper().convertValue(AttributeValues.toMap(i), MediaItem.class))
                .toList();
    }

    /** A family's usable photo and video counts of one month. */
    public MaterialCount counts(String familyId, YearMonth month) {
        var response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(familyPk(familyId)), SK, AttributeValue.fromS(countSk(month)))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return MaterialCount.NONE;
        }
        Map<String, AttributeValue> item = response.item();
        return new MaterialCount(number(item.get("photos")), number(item.get("videos")));
    }

    private static long number(AttributeValue v) {
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    /** The table, as the local runtime and the tests create it (the CDK stack declares the same). */
    public static CreateTableRequest createTableRequest(String table) {
        Map<String, ScalarAttributeType> attributes = new HashMap<>();
        for (String name : List.of(PK, SK, BY_MONTH_PK, BY_MONTH_SK, COUNTS_PK, COUNTS_SK)) {
            attributes.put(name, ScalarAttributeType.S);
        }
        return CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes.entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                        .toList())
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName(BY_MONTH_INDEX)
                                .keySchema(key(BY_MONTH_PK, KeyType.HASH), key(BY_MONTH_SK, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                        GlobalSecondaryIndex.builder().indexName(COUNTS_INDEX)
                                .keySchema(key(COUNTS_PK, KeyType.HASH), key(COUNTS_SK, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
