package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.query.QueryLanguage;

/**
 * Makes the state of a definition's {@code Type}. The state types live in their own packages and
 * nest blocks (Parallel, Map), so the block parser reaches them through this interface
 * ({@code ichibyo.sfn.definition.StateTypes}) instead of naming them.
 */
@FunctionalInterface
public interface StateFactory {
    /** @throws ichibyo.sfn.error.InvalidDefinitionException for a missing or unknown Type */
    State create(String name, ObjectNode raw, QueryLanguage inherited, String where);
}
