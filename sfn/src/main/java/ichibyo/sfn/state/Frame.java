package ichibyo.sfn.state;

import ichibyo.sfn.history.Lane;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.query.Variables;

/**
 * Where a block of states runs: the execution, the variable scope, the history lane, and the query
 * language its states inherit.
 */
public record Frame(ExecutionContext execution, Variables variables, Lane lane, QueryLanguage defaultLanguage) {

    /** A nested block (Parallel branch, Map iteration): own variable scope and lane. */
    public Frame child() {
        return new Frame(execution, variables.child(), lane.fork(), defaultLanguage);
    }
}
