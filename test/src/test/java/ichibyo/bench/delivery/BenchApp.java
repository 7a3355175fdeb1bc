package ichibyo.bench.delivery;

import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.Ref;
import java.util.HashMap;
import java.util.Map;

/**
 * ichibyo's own description ({@link Ichibyo#app()}) changed by configuration only: some functions' handler
 * classes replaced (test doubles of the bench source set) and some variables of the delivery steps set
 * otherwise. The state machines, tables and every other function stay as described.
 */
final class BenchApp {
    private BenchApp() {}

    static AppDescription derive(Map<String, String> handlers, Map<String, String> deliveryVariables) {
        return derive(handlers, deliveryVariables, true);
    }

    /** @param scoring whether uploads under originals/ are scored (false: the bench catalogs its media itself) */
    static AppDescription derive(Map<String, String> handlers, Map<String, String> deliveryVariables, boolean scoring) {
        AppDescription app = Ichibyo.app();
        AppDescription.Builder b = AppDescription.builder();
        app.buckets().forEach(b::bucket);
        app.tables().forEach(b::table);
        app.queues().forEach(b::queue);
        if (scoring) {
            app.notifications().forEach(b::notification);
        }
        app.stateMachines().forEach(b::stateMachine);
        app.tasks().forEach(b::task);
        app.schedules().forEach(b::schedule);
        app.eventBuses().forEach(b::eventBus);
        for (Function f : app.functions()) {
            String handler = handlers.getOrDefault(f.name(), f.handler());
            Map<String, Ref> env = new HashMap<>(f.environment());
            if (f.handler().startsWith("ichibyo.functions.delivery.")) {
                deliveryVariables.forEach((k, v) -> env.put(k, Ref.literal(v)));
            }
            b.function(new Function(f.name(), handler, f.memoryMb(), f.timeout(), env, f.eventSources(), f.ephemeralStorageMb(),
                    f.ffmpeg(), f.httpRoutes()));
        }
        AppDescription derived = b.build();
        if (!derived.problems().isEmpty()) {
            throw new IllegalStateException("derived app: " + derived.problems());
        }
        return derived;
    }
}
