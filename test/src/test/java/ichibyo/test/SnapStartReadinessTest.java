package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import java.util.List;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/**
 * Every function that runs with SnapStart (the default {@code /tmp}) primes its snapshot: its handler is a
 * CRaC {@link Resource}. A function added without priming fails here, not on its first cold start.
 */
class SnapStartReadinessTest {

    @Test
    void everySnapStartHandlerPrimesItsSnapshot() throws Exception {
        List<Function> snapStarted = Ichibyo.app().functions().stream().filter(Function::snapStart).toList();
        assertThat(snapStarted).isNotEmpty();
        for (Function function : snapStarted) {
            Class<?> handler = Class.forName(function.handler());
            assertThat(Resource.class.isAssignableFrom(handler))
                    .as("%s (%s) runs with SnapStart and must prime its snapshot in beforeCheckpoint", function.name(), handler.getName())
                    .isTrue();
        }
    }
}
