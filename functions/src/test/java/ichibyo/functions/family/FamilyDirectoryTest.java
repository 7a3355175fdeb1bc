package ichibyo.functions.family;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import ichibyo.core.Json;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.DeliveryRecord;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.functions.EmbeddedAws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ichibyo.core.family.access.Membership;
import ichibyo.core.family.access.Role;
import ichibyo.functions.http.VerifiedCaller;

class FamilyDirectoryTest {
    static final String TABLE = "families";
    static final Period Q3 = Period.quarter(2026, 3);
    static EmbeddedAws aws;
    static FamilyDirectory directory;
    static Memberships memberships;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        aws.dynamoDb.createTable(FamilyDirectory.createTableRequest(TABLE));
        directory = new FamilyDirectory(aws.dynamoDb, TABLE);
        memberships = new Memberships(aws.dynamoDb, EmbeddedAws.MEMBERSHIPS_TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    @Test
    void put_keepsANameInAnyScript_andTellsNewFromUpdated() {
        Family tanaka = new Family("tanaka-1", "田中家", true, null, false, null);
        assertThat(directory.put(tanaka, Instant.now())).isTrue();
        assertThat(directory.put(tanaka.withOptedOut(true), Instant.now())).isFalse();
        assertThat(directory.get("tanaka-1")).hasValueSatisfying(f -> {
            assertThat(f.displayName()).isEqualTo("田中家");
            assertThat(f.timeZone()).isEqualTo("Asia/Tokyo");
            assertThat(f.optedOut()).isTrue();
            assertThat(f.isJapanese()).isTrue();
        });
        assertThat(directory.get("nobody")).isEmpty();
    }

    @Test
    void recordDelivery_writesOnce_andLookupSeesWhetherItsEventWasSent() {
        directory.put(Family.of("rec-1", "The Recs", false), Instant.now());
        Delivery delivery = new Delivery("rec-1", "quarterly", Q3);
        DeliveryRecord record = DeliveryRecord.of(delivery, "The Recs · Summer 2026", 5, 4.0, "quarterly-2026-Q3", Instant.now());
        assertThat(directory.lookup(List.of("rec-1", "no-profile"), "quarterly", Q3)).satisfies(m -> {
            assertThat(m.get("rec-1").record()).isEqualTo(FamilyDirectory.RecordState.NONE);
            assertThat(m.get("rec-1").profile().displayName()).isEqualTo("The Recs");
            assertThat(m.get("no-profile").profile()).isNull();
        });

        assertThat(directory.recordDelivery(record)).isTrue();
        assertThat(directory.recordDelivery(record)).as("a second write of the same delivery").isFalse();
        assertThat(directory.lookup(List.of("rec-1"), "quarterly", Q3).get("rec-1").record())
                .isEqualTo(FamilyDirectory.RecordState.EVENT_PENDING);
        assertThat(directory.delivery(delivery)).hasValueSatisfying(d -> {
            assertThat(d.eventSent()).isFalse();
            assertThat(d.record()).isEqualTo(record);
        });

        directory.markEventSent(delivery, Instant.now());
        assertThat(directory.lookup(List.of("rec-1"), "quarterly", Q3).get("rec-1").record())
                .isEqualTo(FamilyDirectory.RecordState.DELIVERED);
        // Another period of the same family is another delivery.
        assertThat(directory.lookup(List.of("rec-1"), "quarterly", Q3.next()).get("rec-1").record())
                .isEqualTo(FamilyDirectory.RecordState.NONE);
    }

    @Test
    void lookup_ofManyFamilies_goesThroughBatchesOfAHundredKeys() {
        List<String> ids = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "many-" + i).toList();
        ids.stream().filter(id -> !id.endsWith("7")).forEach(id -> directory.put(Family.of(id, "Family " + id, false), Instant.now()));
        var found = directory.lookup(ids, "monthly", Period.month(2026, 11));
        assertThat(found).hasSize(120);
        assertThat(found.values().stream().filter(l -> l.profile() == null)).hasSize(12);
    }

    /** A request as API Gateway passes it on once the JWT authorizer verified the caller's token. */
    static APIGatewayV2HTTPEvent request(String userId, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(body);
        if (userId != null) {
            APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
            context.setAuthorizer(VerifiedCaller.authorizer(userId));
            event.setRequestContext(context);
        }
        return event;
    }

    static FamiliesHandler handler() {
        return new FamiliesHandler(directory, memberships, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void familiesHandler_answers201Then200_andNamesTheFieldOfBadInput() throws Exception {
        FamiliesHandler handler = handler();
        // API Gateway sends a body it does not take for text base64-encoded.
        APIGatewayV2HTTPEvent event = request("sato-yui", Base64.getEncoder().encodeToString(
                "{\"familyId\":\"sato\",\"displayName\":\" 佐藤家 \",\"language\":\"JA\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        var created = handler.handleRequest(event, null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.getBody()).path("displayName").asText()).isEqualTo("佐藤家");
        assertThat(Json.mapper().readTree(created.getBody()).path("language").asText()).isEqualTo("ja");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);

        for (String[] bad : List.of(new String[] {"{\"familyId\":\"a\"}", "displayName"},
                new String[] {"{\"familyId\":\"a\",\"displayName\":\"A\",\"language\":\"fr\"}", "language"},
                new String[] {"{\"familyId\":\"a\",\"displayName\":\"A\",\"optedOut\":[1]}", "optedOut"},
                new String[] {"not json", "body"})) {
            var response = handler.handleRequest(request("sato-yui", bad[0]), null);
            assertThat(response.getStatusCode()).as(bad[0]).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.getBody()).path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(directory.get("a")).isEmpty();
    }

    @Test
    void creatingAFamily_makesTheCallerItsOwner_andOnlyAMemberMayUpdateIt() throws Exception {
        FamiliesHandler handler = handler();
        String tanaka = "{\"familyId\":\"tanaka-auth\",\"displayName\":\"田中家\",\"premium\":true}";
        assertThat(handler.handleRequest(request("tanaka-haruto", tanaka), null).getStatusCode()).isEqualTo(201);
        assertThat(memberships.find("tanaka-haruto", "tanaka-auth")).contains(new Membership("tanaka-haruto", "tanaka-auth", Role.OWNER));

        // Someone else naming the same family: 403, the profile as it was, no membership for them.
        var refused = handler.handleRequest(request("mallory", "{\"familyId\":\"tanaka-auth\",\"displayName\":\"Taken\"}"), null);
        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(refused.getBody()).path("error").asText()).isEqualTo("NotAFamilyMember");
        assertThat(directory.get("tanaka-auth").orElseThrow().displayName()).isEqualTo("田中家");
        assertThat(memberships.find("mallory", "tanaka-auth")).isEmpty();

        // A member added by the owner may update it.
        memberships.put(new Membership("tanaka-yui", "tanaka-auth", Role.MEMBER), Instant.now());
        var updated = handler.handleRequest(request("tanaka-yui", "{\"familyId\":\"tanaka-auth\",\"displayName\":\"田中さん\"}"), null);
        assertThat(updated.getStatusCode()).isEqualTo(200);
        assertThat(directory.get("tanaka-auth").orElseThrow().displayName()).isEqualTo("田中さん");
    }

    @Test
    void familiesHandler_withoutAVerifiedCaller_answers401_andWritesNothing() throws Exception {
        var response = handler().handleRequest(request(null, "{\"familyId\":\"nobody\",\"displayName\":\"Nobody\"}"), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.getBody()).path("error").asText()).isEqualTo("Unauthenticated");
        assertThat(directory.get("nobody")).isEmpty();
    }
}
