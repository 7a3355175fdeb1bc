package ichibyo.core.cost;

/** One line of an estimate: how much of what, at which price. */
public record CostLine(String item, double quantity, String unit, double unitPrice, double cost) {}
