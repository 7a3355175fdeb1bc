package ichibyo.local.sfn.integration.ecs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registered task definitions. {@code TaskDefinition} may be given as ECS accepts it: {@code family}
 * (the latest revision), {@code family:revision}, or the full ARN.
 */
public final class EcsTaskDefinitions {
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:ecs:[a-z0-9-]+:\\d{12}:task-definition/([a-zA-Z0-9-_]+)(?::(\\d+))?");
    private static final Pattern FAMILY = Pattern.compile("([a-zA-Z0-9-_]+)(?::(\\d+))?");

    private final Map<String, NavigableMap<Integer, EcsTaskDefinition>> families = new ConcurrentHashMap<>();

    public EcsTaskDefinitions register(EcsTaskDefinition definition) {
        families.computeIfAbsent(definition.family(), f -> new ConcurrentSkipListMap<>()).put(definition.revision(), definition);
        return this;
    }

    public Collection<EcsTaskDefinition> all() {
        return families.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    public Optional<EcsTaskDefinition> resolve(String taskDefinition) {
        if (taskDefinition == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(taskDefinition);
        if (!m.matches()) {
            m = FAMILY.matcher(taskDefinition);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        NavigableMap<Integer, EcsTaskDefinition> revisions = families.get(m.group(1));
        if (revisions == null || revisions.isEmpty()) {
            return Optional.empty();
        }
        if (m.group(2) == null) {
            return Optional.of(revisions.lastEntry().getValue());
        }
        return Optional.ofNullable(revisions.get(Integer.parseInt(m.group(2))));
    }

    List<String> families() {
        return List.copyOf(families.keySet());
    }
}
