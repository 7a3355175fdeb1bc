package ichibyo.core.cost;

import java.util.List;

/**
 * An estimated cost, line by line, with the prices it used.
 *
 * @param total the sum of the lines, in {@code currency}
 */
public record CostEstimate(String region, String currency, String pricesAsOf, double total, List<CostLine> lines) {}
