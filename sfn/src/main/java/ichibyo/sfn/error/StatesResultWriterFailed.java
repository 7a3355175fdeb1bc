package ichibyo.sfn.error;


/** {@code States.ResultWriterFailed}: a Distributed Map could not write its results. */
public final class StatesResultWriterFailed extends StatesError {
    public static final String NAME = "States.ResultWriterFailed";

    public StatesResultWriterFailed(String cause) {
        super(NAME, cause, false);
    }
}
