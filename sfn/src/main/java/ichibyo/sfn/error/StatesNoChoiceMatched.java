package ichibyo.sfn.error;


/** {@code States.NoChoiceMatched}: a Choice state without Default matched no rule. */
public final class StatesNoChoiceMatched extends StatesError {
    public static final String NAME = "States.NoChoiceMatched";

    public StatesNoChoiceMatched(String cause) {
        super(NAME, cause, false);
    }
}
