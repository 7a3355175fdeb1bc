package ichibyo.local.cli;

import ichibyo.core.family.access.NotAuthenticatedException;
import ichibyo.local.runtime.auth.LocalTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token USER}: signs in as a local test user. Prints a bearer token (a JWT whose {@code sub} is
 * USER) signed with the data directory's key, the one {@code up} verifies with; the key is made when
 * there is none yet, so the token works with an {@code up} started before or after.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token for a local test user, for the HTTP API:",
            "  curl -H \"Authorization: Bearer $(./ichibyo-local token tanaka-haruto)\" $ICHIBYO_API_URL/upload-url -d ..."})
final class TokenCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "USER", description = "the user (the token's sub claim), e.g. tanaka-haruto")
    String user;
    @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "how long the token is valid, as ISO-8601 (default ${DEFAULT-VALUE}; at most P30D)")
    Duration lifetime;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        LocalTokens tokens = LocalTokens.of(dataOptions.directory());
        try {
            System.out.println(tokens.issue(user, Instant.now(), lifetime));
            return 0;
        } catch (NotAuthenticatedException | IllegalArgumentException e) {
            System.err.println("ichibyo-local: " + e.getMessage());
            return 2;
        }
    }
}
