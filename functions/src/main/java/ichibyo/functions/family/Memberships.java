package ichibyo.functions.family;

import ichibyo.core.family.Family;
import ichibyo.core.family.access.Membership;
import ichibyo.core.family.access.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@code memberships} table: which families each user belongs to, and as what.
 *
 * <pre>
 * membership   pk = USER#{userId}   sk = FAMILY#{familyId}   role (OWNER, MEMBER), since
 * </pre>
 *
 * Every family-facing request reads one item (strongly consistent: a family just created is usable at
 * once). A family and its owner's membership are written in one transaction, so a family never exists
 * without an owner and two users racing to create the same family cannot both own it.
 */
public final class Memberships {
    public static final String PK = "pk";
    public static final String SK = "sk";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public Memberships(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    /** The user's membership of the family, if the user belongs to it. */
    public Optional<Membership> find(String userId, String familyId) {
        var response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, familyId)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        AttributeValue role = response.item().get("role");
        return Optional.of(new Membership(userId, familyId, Role.valueOf(role.s())));
    }

    /** Adds (or replaces) a membership. */
    public void put(Membership membership, Instant since) {
        dynamoDb.putItem(r -> r.tableName(table).item(item(membership, since)));
    }

    /**
     * Creates {@code family} (its profile, written by {@code directory}) with {@code owner} as its owner,
     * both or neither.
     *
     * @return false when the family already exists (nothing is written)
     */
    public boolean createFamily(FamilyDirectory directory, Family family, Membership owner, Instant at) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    directory.createProfile(family, at),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(owner, at)).build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            // The first write is the profile's: its condition failing means the family exists.
            if (e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> item(Membership m, Instant since) {
        return Map.of(PK, AttributeValue.fromS(userPk(m.userId())), SK, AttributeValue.fromS(FamilyDirectory.familyPk(m.familyId())),
                "role", AttributeValue.fromS(m.role().name()), "since", AttributeValue.fromS(since.toString()));
    }

    private static Map<String, AttributeValue> key(String userId, String familyId) {
        return Map.of(PK, AttributeValue.fromS(userPk(userId)), SK, AttributeValue.fromS(FamilyDirectory.familyPk(familyId)));
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
