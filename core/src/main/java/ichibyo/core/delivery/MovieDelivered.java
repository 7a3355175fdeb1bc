package ichibyo.core.delivery;

import ichibyo.core.edition.Period;
import java.time.Instant;

/**
 * The {@code detail} of the event deliver publishes (EventBridge source {@value #SOURCE}, detail
 * type {@value #DETAIL_TYPE}) once the delivery record is written. Delivery to consumers is at
 * least once: they de-duplicate on {@link #deliveryId}.
 */
public record MovieDelivered(int version, String deliveryId, String familyId, String edition, Period period,
                             String movieKey, String posterKey, String title, int moments, double durationSeconds,
                             Instant deliveredAt) {
    public static final int CURRENT_VERSION = 1;
    public static final String SOURCE = "ichibyo.delivery";
    public static final String DETAIL_TYPE = "MovieDelivered";
}
