package ichibyo.sfn.error;


/** {@code States.Permissions}: the execution lacks the privileges for the call. */
public final class StatesPermissions extends StatesError {
    public static final String NAME = "States.Permissions";

    public StatesPermissions(String cause) {
        super(NAME, cause, false);
    }
}
