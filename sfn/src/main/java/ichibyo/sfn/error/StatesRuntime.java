package ichibyo.sfn.error;


/** {@code States.Runtime}: an invalid path, an unparsable value or another runtime failure inside a state; not matched by States.ALL. */
public final class StatesRuntime extends StatesError {
    public static final String NAME = "States.Runtime";

    public StatesRuntime(String cause) {
        super(NAME, cause, true);
    }
}
