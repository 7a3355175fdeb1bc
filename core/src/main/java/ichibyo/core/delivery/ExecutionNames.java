package ichibyo.core.delivery;

import ichibyo.core.edition.Period;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Step Functions execution names of delivery runs. A name is unique per state machine (for 90 days
 * after an execution ends), so a run named for its edition and period cannot be started twice by a
 * duplicate trigger. Names are at most {@value #MAX_LENGTH} characters of {@code A–Z a–z 0–9 - _}
 * (no {@code :}, which the period names never hold anyway).
 */
public final class ExecutionNames {
    public static final int MAX_LENGTH = 80;

    private ExecutionNames() {}

    /** {@code quarterly-2026-Q4}. */
    public static String run(String edition, Period period) {
        return safe(edition + "-" + period.name());
    }

    /**
     * A deliberate catch-up run of the same period (for families whose zone had not reached the
     * period's delivery day at the first run): {@code quarterly-2026-Q4-r2}. Delivery records keep it
     * from delivering twice.
     */
    public static String rerun(String edition, Period period, int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("a rerun is attempt 2 or later, not " + attempt);
        }
        return safe(edition + "-" + period.name() + "-r" + attempt);
    }

    /**
     * A family's child execution: {@code quarterly-2026-Q4-{familyId}}; when that is longer than the
     * limit, the family id is cut and a hash of the whole name keeps it unique.
     */
    public static String family(String edition, Period period, String familyId) {
        String full = edition + "-" + period.name() + "-" + familyId;
        if (full.length() <= MAX_LENGTH) {
            return safe(full);
        }
        String hash = HexFormat.of().formatHex(sha256(full), 0, 6);
        return safe(full.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash);
    }

    private static String safe(String name) {
        if (name.length() > MAX_LENGTH || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a valid execution name: " + name);
        }
        return name;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
