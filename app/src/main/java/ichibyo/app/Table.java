package ichibyo.app;

import java.util.List;

/**
 * A DynamoDB table, on-demand billing.
 *
 * @param sortKey      null for a table with a partition key only
 * @param ttlAttribute the attribute holding the expiry (epoch seconds), or null for no TTL
 */
public record Table(String name, Key partitionKey, Key sortKey, List<GlobalIndex> indexes, String ttlAttribute) {

    public Table {
        indexes = List.copyOf(indexes);
    }

    public enum KeyType { S, N, B }

    public record Key(String name, KeyType type) {
        public static Key string(String name) {
            return new Key(name, KeyType.S);
        }

        public static Key number(String name) {
            return new Key(name, KeyType.N);
        }
    }

    /** A global secondary index projecting all attributes; {@code sortKey} may be null. */
    public record GlobalIndex(String name, Key partitionKey, Key sortKey) {}
}
