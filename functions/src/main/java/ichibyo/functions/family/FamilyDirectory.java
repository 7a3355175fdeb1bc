package ichibyo.functions.family;

import com.fasterxml.jackson.core.type.TypeReference;
import ichibyo.core.Json;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.DeliveryRecord;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.functions.TransientFailureException;
import ichibyo.functions.catalog.AttributeValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The {@code families} table: each family's profile and its delivery records, side by side under one
 * partition key.
 *
 * <pre>
 * profile          pk = FAMILY#{familyId}   sk = PROFILE                           Family's fields, updatedAt
 * delivery record  pk = FAMILY#{familyId}   sk = DELIVERY#{edition}#{period}       DeliveryRecord's fields, eventSent
 * </pre>
 *
 * A delivery record is written once ({@code attribute_not_exists(pk)}): the write that makes a delivery
 * exactly-once. Its {@code eventSent} flag turns true once the MovieDelivered event is on the bus, so a
 * delivery whose step died between the two still gets its event from a later attempt.
 */
public final class FamilyDirectory {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String PROFILE = "PROFILE";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** BatchGetItem's most keys per request. */
    private static final int BATCH_KEYS = 100;
    private static final int BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public FamilyDirectory(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** What a delivery's record says. */
    public enum RecordState {
        /** No record: not delivered. */
        NONE,
        /** Delivered and announced. */
        DELIVERED,
        /** Delivered (the record exists) but its MovieDelivered event was not yet sent. */
        EVENT_PENDING
    }

    /** A family's profile and the state of one delivery of it; {@code profile} is null when the family has none. */
    public record Lookup(Family profile, RecordState record) {}

    /** A delivery record as stored, with its flag. */
    public record StoredDelivery(DeliveryRecord record, boolean eventSent) {}

    public static String familyPk(String familyId) {
        return "FAMILY#" + familyId;
    }

    /**
     * Writes a family's profile (whole, replacing the one before).
     *
     * @return whether the family is new
     */
    public boolean put(Family family, Instant updatedAt) {
        var response = dynamoDb.putItem(r -> r.tableName(table).item(profileItem(family, updatedAt)).returnValues(ReturnValue.ALL_OLD));
        return !response.hasAttributes() || response.attributes().isEmpty();
    }

    /**
     * The write of a new family's profile, for a transaction with other writes ({@link Memberships}):
     * it fails the transaction when the family exists.
     */
    public TransactWriteItem createProfile(Family family, Instant createdAt) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(profileItem(family, createdAt))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> profileItem(Family family, Instant updatedAt) {
        Map<String, Object> attributes = Json.mapper().convertValue(family, MAP);
        attributes.put(PK, familyPk(family.familyId()));
        attributes.put(SK, PROFILE);
        attributes.put("updatedAt", updatedAt.toString());
        return AttributeValues.fromMap(attributes);
    }

    public Optional<Family> get(String familyId) {
        var response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(familyPk(familyId), PROFILE)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(family(response.item()));
    }

    /**
     * The profiles of {@code familyIds} and the state of their delivery of {@code edition} and
     * {@code period}, in batches (two keys per family; unprocessed keys are asked again with backoff).
     * Families without a profile have a null {@code profile}.
     */
    public Map<String, Lookup> lookup(Collection<String> familyIds, String edition, Period period) {
        Map<String, Family> profiles = new HashMap<>();
        Map<String, RecordState> records = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : familyIds) {
            keys.add(key(familyPk(id), PROFILE));
            keys.add(key(familyPk(id), new Delivery(id, edition, period).recordSk()));
        }
        for (int from = 0; from < keys.size(); from += BATCH_KEYS) {
            for (Map<String, AttributeValue> item : batchGet(keys.subList(from, Math.min(keys.size(), from + BATCH_KEYS)))) {
                String sk = item.get(SK).s();
                String id = item.get(PK).s().substring("FAMILY#".length());
                if (sk.equals(PROFILE)) {
                    profiles.put(id, family(item));
                } else {
                    AttributeValue sent = item.get("eventSent");
                    records.put(id, sent != null && Boolean.TRUE.equals(sent.bool()) ? RecordState.DELIVERED : RecordState.EVENT_PENDING);
                }
            }
        }
        Map<String, Lookup> result = new LinkedHashMap<>();
        for (String id : familyIds) {
            result.put(id, new Lookup(profiles.get(id), records.getOrDefault(id, RecordState.NONE)));
        }
        return result;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == BATCH_ATTEMPTS) {
                throw new TransientFailureException("BatchGetItem on " + table + " left keys unprocessed " + BATCH_ATTEMPTS + " times");
            }
            if (attempt > 0) {
                sleep(Math.min(2000, 50L << attempt));
            }
            Map<String, KeysAndAttributes> request = pending;
            var response = dynamoDb.batchGetItem(r -> r.requestItems(request));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    public Optional<StoredDelivery> delivery(Delivery delivery) {
        var response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(delivery.recordPk(), delivery.recordSk())));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> map = AttributeValues.toMap(response.item());
        boolean sent = Boolean.TRUE.equals(map.get("eventSent"));
        return Optional.of(new StoredDelivery(Json.mapper().convertValue(map, DeliveryRecord.class), sent));
    }

    /**
     * Writes the record unless one exists for the same family, edition and period.
     *
     * @return false when a record was already there (nothing is written)
     */
    public boolean recordDelivery(DeliveryRecord record) {
        Delivery delivery = new Delivery(record.familyId(), record.edition(), record.period());
        Map<String, Object> attributes = Json.mapper().convertValue(record, MAP);
        attributes.put(PK, delivery.recordPk());
        attributes.put(SK, delivery.recordSk());
        attributes.put("eventSent", false);
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(AttributeValues.fromMap(attributes))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Marks the delivery's MovieDelivered event as sent. */
    public void markEventSent(Delivery delivery, Instant sentAt) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(delivery.recordPk(), delivery.recordSk()))
                .updateExpression("SET eventSent = :true, eventSentAt = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":at", AttributeValue.fromS(sentAt.toString()))));
    }

    private static Family family(Map<String, AttributeValue> item) {
        return Json.mapper().convertValue(AttributeValues.toMap(item), Family.class);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while waiting to retry a batch read");
        }
    }

    /** The table as the description declares it, for tests that create it themselves. */
    public static CreateTableRequest createTableRequest(String table) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .build();
    }
}
