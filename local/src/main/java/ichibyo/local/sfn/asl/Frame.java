package ichibyo.local.sfn.asl;


/**
 * Where a block of states runs: the execution, the variable scope, the history lane, and for a Map
 * iteration the item ({@code $$.Map.Item}) the ItemSelector saw.
 */
public final class Frame {
    public final ExecutionContext execution;
    public final Variables variables;
    public final Lane lane;
    public final QueryLanguage defaultLanguage;

    public Frame(ExecutionContext execution, Variables variables, Lane lane, QueryLanguage defaultLanguage) {
        this.execution = execution;
        this.variables = variables;
        this.lane = lane;
        this.defaultLanguage = defaultLanguage;
    }

    /** A nested block (Parallel branch, Map iteration): own variable scope and lane. */
    public Frame child() {
        return new Frame(execution, variables.child(), lane.fork(), defaultLanguage);
    }

}
