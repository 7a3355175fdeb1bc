package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.events.EventBuses;
import ichibyo.local.runtime.events.RecordedEvent;
import java.util.Set;

/** {@code events [BUS]}: the events put on a bus (default: the app's bus), oldest first, one JSON per line. */
final class EventsCommand {

    int run(String[] argv) {
        Args args = Args.parse(argv, Set.of());
        String bus = args.positional().isEmpty() ? Ichibyo.EVENT_BUS : args.positional().get(0);
        for (RecordedEvent e : EventBuses.read(RuntimeConnection.dataDirectory(args).resolve("events"), bus)) {
            System.out.println(EventBuses.toJson(e));
        }
        return 0;
    }
}
