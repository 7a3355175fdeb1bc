package ichibyo.bench.delivery;

import ichibyo.core.Json;
import ichibyo.core.catalog.CatalogKeys;
import ichibyo.core.family.Family;
import ichibyo.functions.catalog.AttributeValues;
import ichibyo.functions.family.FamilyDirectory;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Synthetic families written with BatchWriteItem (25 items a call, unprocessed items sent again): a profile
 * each in the families table (as {@link FamilyDirectory#put} writes it) and a per-month counter in the
 * catalog (as the catalog's transaction leaves it: {@code FAMILY#id / COUNT#yyyy-MM}, photos, videos, and
 * the sparse {@code counts} index keys).
 */
final class Seeding {
    private static final int BATCH = 25;

    private Seeding() {}

    static String familyId(int i) {
        return String.format("bench-%07d", i);
    }

    static Map<String, AttributeValue> profile(int i, Instant now) {
        Family f = new Family(familyId(i), "Bench Family " + i, i % 3 == 0, "Asia/Tokyo", false, i % 2 == 0 ? "ja" : "en");
        Map<String, Object> attributes = Json.mapper().convertValue(f, Map.class);
        attributes.put(FamilyDirectory.PK, FamilyDirectory.familyPk(f.familyId()));
        attributes.put(FamilyDirectory.SK, FamilyDirectory.PROFILE);
        attributes.put("updatedAt", now.toString());
        return AttributeValues.fromMap(attributes);
    }

    static Map<String, AttributeValue> counter(int i, YearMonth month, long photos, long videos) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CatalogKeys.PK, AttributeValue.fromS(CatalogKeys.familyPk(familyId(i))));
        item.put(CatalogKeys.SK, AttributeValue.fromS(CatalogKeys.countSk(month)));
        item.put(CatalogKeys.COUNTS_PK, AttributeValue.fromS(CatalogKeys.countsPk(month)));
        item.put(CatalogKeys.COUNTS_SK, AttributeValue.fromS(familyId(i)));
        item.put("photos", AttributeValue.fromN(Long.toString(photos)));
        item.put("videos", AttributeValue.fromN(Long.toString(videos)));
        return item;
    }

    /** Profiles and one counter of {@code month} (12 videos: eligible for the quarterly edition) for families 0..n-1. */
    static void families(DynamoDbClient dynamo, String familiesTable, String catalogTable, int n, YearMonth month, int threads)
            throws Exception {
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            int chunk = Math.max(BATCH, (n + threads - 1) / threads / BATCH * BATCH);
            for (int from = 0; from < n; from += chunk) {
                int start = from;
                int end = Math.min(n, from + chunk);
                work.add(pool.submit(() -> {
                    for (int b = start; b < end; b += BATCH) {
                        List<WriteRequest> profiles = new ArrayList<>();
                        List<WriteRequest> counters = new ArrayList<>();
                        for (int i = b; i < Math.min(end, b + BATCH); i++) {
                            profiles.add(put(profile(i, now)));
                            counters.add(put(counter(i, month, 3, 12)));
                        }
                        write(dynamo, familiesTable, profiles);
                        write(dynamo, catalogTable, counters);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    static void write(DynamoDbClient dynamo, String table, List<WriteRequest> requests) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> sending = pending;
            var response = dynamo.batchWriteItem(r -> r.requestItems(sending));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 5)));
            }
        }
    }
}
