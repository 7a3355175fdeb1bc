package ichibyo.core.edition;

/** How long an edition's period is. Periods are whole calendar months, so the catalog's per-month keys cover them exactly. */
public enum PeriodUnit {
    /** Three months from January, April, July or October: named {@code 2026-Q4}. */
    QUARTER(3),
    /** One month: named {@code 2026-11}. */
    MONTH(1),
    /** A calendar year: named {@code 2026}. */
    YEAR(12);

    private final int months;

    PeriodUnit(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }
}
