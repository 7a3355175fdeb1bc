package ichibyo.core.selection;

import java.time.LocalDateTime;

/**
 * One stretch of the period (local wall-clock time, as the catalog counts months).
 *
 * @param index      0-based, in time order
 * @param from       its start
 * @param to         its end (exclusive)
 * @param candidates how many candidates were taken in it
 * @param picked     how many of them are in the movie
 */
public record Slice(int index, LocalDateTime from, LocalDateTime to, int candidates, int picked) {}
