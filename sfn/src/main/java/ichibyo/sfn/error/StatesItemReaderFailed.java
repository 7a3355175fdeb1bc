package ichibyo.sfn.error;


/** {@code States.ItemReaderFailed}: a Distributed Map could not read its items. */
public final class StatesItemReaderFailed extends StatesError {
    public static final String NAME = "States.ItemReaderFailed";

    public StatesItemReaderFailed(String cause) {
        super(NAME, cause, false);
    }
}
