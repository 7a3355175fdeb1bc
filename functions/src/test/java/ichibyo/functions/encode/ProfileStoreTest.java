package ichibyo.functions.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.encode.Profile;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.ProfileSet;
import ichibyo.functions.EmbeddedAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/** Versioned profiles on DynamoDB Local: a profile change reaches every set that holds it, all or nothing. */
class ProfileStoreTest {
    static EmbeddedAws aws;

    @BeforeAll
    static void start() {
        aws = new EmbeddedAws();
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    static String newTable(String name) {
        aws.dynamoDb.createTable(t -> t.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
        return name;
    }

    /** A set of our own that holds the seeds' 234p rung beside apple-hls. */
    static ProfileSet small(ProfileStore store) {
        Profile rung = ProfileCatalog.seeds().set("apple-hls").profile("hls-234p-145k");
        return store.put(new ProfileSet("small-screens", 0, "phones on cellular", List.of(rung)));
    }

    static Profile cheaper(Profile p) {
        return new Profile(p.id(), p.version(), p.codec(), p.maxWidth(), p.maxHeight(), p.frameRate(), p.rateControl(), 4.0, p.preset(),
                p.audio(), p.container());
    }

    @Test
    void aChangedProfile_becomesTheNextVersionOfEverySetHoldingIt_andTheOldVersionsStayReadable() {
        ProfileStore store = new ProfileStore(aws.dynamoDb, newTable("profiles-change"), ProfileCatalog.seeds());
        ProfileSet mine = small(store);
        int appleBefore = store.current("apple-hls").version();
        Profile rung = store.current("apple-hls").profile("hls-234p-145k");

        ProfileStore.ProfileChange change = store.putProfile(cheaper(rung));

        assertThat(change.profile().version()).isEqualTo(rung.version() + 1);
        assertThat(change.sets()).extracting(ProfileSet::name).containsExactlyInAnyOrder("apple-hls", "small-screens");
        assertThat(store.current("apple-hls").version()).isEqualTo(appleBefore + 1);
        assertThat(store.current("apple-hls").profile("hls-234p-145k").gopSeconds()).isEqualTo(4.0);
        assertThat(store.current("small-screens").version()).isEqualTo(mine.version() + 1);
        assertThat(store.current("small-screens").profile("hls-234p-145k").version()).isEqualTo(change.profile().version());
        // A job that pinned the earlier versions still reads them.
        assertThat(store.version("apple-hls", appleBefore).profile("hls-234p-145k").gopSeconds()).isEqualTo(rung.gopSeconds());
        assertThat(store.version("small-screens", mine.version()).profile("hls-234p-145k").version()).isEqualTo(rung.version());
    }

    @Test
    void anotherWriterTakingOneSetsVersion_refusesTheChange_andNothingOfItIsStored() {
        String table = newTable("profiles-race");
        ProfileStore store = new ProfileStore(aws.dynamoDb, table, ProfileCatalog.seeds());
        ProfileSet mine = small(store);
        int appleBefore = store.current("apple-hls").version();
        Profile rung = store.current("apple-hls").profile("hls-234p-145k");
        // The other writer stores small-screens' next version after this change read the sets and before it writes them.
        DynamoDbClient racing = new Interleaved(aws.dynamoDb, () -> store.put(new ProfileSet(mine.name(), 0, "changed meanwhile", mine.profiles())));
        ProfileStore changing = new ProfileStore(racing, table, ProfileCatalog.seeds());

        assertThatThrownBy(() -> changing.putProfile(cheaper(rung))).isInstanceOf(ProfileSetChangedException.class)
                .hasMessageContaining("nothing was stored");

        assertThat(store.current("apple-hls").version()).as("apple-hls is not half-changed").isEqualTo(appleBefore);
        assertThat(store.current("apple-hls").profile("hls-234p-145k").gopSeconds()).isEqualTo(rung.gopSeconds());
        assertThat(store.current("small-screens").description()).isEqualTo("changed meanwhile");
        assertThat(aws.dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PROFILE#hls-234p-145k")))).items())
                .as("no new profile version").isEmpty();
        // Tried again, it goes through.
        assertThat(store.putProfile(cheaper(rung)).sets()).hasSize(2);
    }

    /** The real DynamoDB Local, with another writer's step run just before the first transaction. */
    static final class Interleaved implements DynamoDbClient {
        private final DynamoDbClient db;
        private Runnable before;

        Interleaved(DynamoDbClient db, Runnable before) {
            this.db = db;
            this.before = before;
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            if (before != null) {
                Runnable other = before;
                before = null;
                other.run();
            }
            return db.transactWriteItems(request);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return db.query(request);
        }

        @Override
        public ScanResponse scan(ScanRequest request) {
            return db.scan(request);
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return db.getItem(request);
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            return db.putItem(request);
        }

        @Override
        public String serviceName() {
            return db.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
