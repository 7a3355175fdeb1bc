package ichibyo.core.delivery;

import ichibyo.core.edition.Period;
import java.time.Instant;

/**
 * What deliver writes, once, with a condition that no record exists for the same key
 * ({@link Delivery#recordPk()}, {@link Delivery#recordSk()}): the write that makes a delivery
 * exactly-once. A second attempt (a retried step, an Express child run twice) finds the record and
 * does nothing more; extract-targets skips the family as {@link SkipReason#ALREADY_DELIVERED}.
 *
 * @param deliveryId      {@link Delivery#deliveryId()}
 * @param familyId        the family
 * @param edition         the edition id
 * @param period          the period
 * @param movieKey        the movie in the media bucket
 * @param posterKey       its poster, or null
 * @param title           the title shown
 * @param moments         how many moments it has
 * @param durationSeconds its length
 * @param executionName   the delivery run that made it
 * @param deliveredAt     when the record was written
 */
public record DeliveryRecord(String deliveryId, String familyId, String edition, Period period, String movieKey,
                             String posterKey, String title, int moments, double durationSeconds, String executionName,
                             Instant deliveredAt) {

    public static DeliveryRecord of(Delivery delivery, String title, int moments, double durationSeconds,
            String executionName, Instant deliveredAt) {
        return new DeliveryRecord(delivery.deliveryId(), delivery.familyId(), delivery.edition(), delivery.period(),
                delivery.movieKey(), delivery.posterKey(), title, moments, durationSeconds, executionName, deliveredAt);
    }

    /** The event that announces this delivery. */
    public MovieDelivered event() {
        return new MovieDelivered(MovieDelivered.CURRENT_VERSION, deliveryId, familyId, edition, period, movieKey,
                posterKey, title, moments, durationSeconds, deliveredAt);
    }
}
