package ichibyo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's packages depend on each other without circles, and on nothing of ichibyo outside
 * {@code ichibyo.sfn} nor on the AWS SDK. Dependencies are read from the sources' imports and the
 * qualified names in code (comments left out).
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(ichibyo\\.[a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void packagesHaveNoCycles() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph.get("ichibyo.sfn.backend")).as("the reader sees dependencies").contains("ichibyo.sfn.state", "ichibyo.sfn.state.map");
        List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        assertThat(cycles).as("package cycles (each list depends on itself through the others)").isEmpty();
    }

    @Test
    void theModuleNeedsNothingOfIchibyoNorTheAwsSdk() throws IOException {
        Map<String, Set<String>> outside = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = COMMENTS.matcher(Files.readString(f)).replaceAll("");
                Matcher m = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE).matcher(code);
                while (m.find()) {
                    String imported = m.group(1);
                    boolean foreign = (imported.startsWith("ichibyo.") && !imported.startsWith("ichibyo.sfn."))
                            || imported.startsWith("software.amazon.") || imported.startsWith("com.amazonaws.");
                    if (foreign) outside.computeIfAbsent(SOURCES.relativize(f).toString(), k -> new TreeSet<>()).add(imported);
                }
            }
        }
        assertThat(outside).as("imports from outside the module's allowed dependencies").isEmpty();
    }

    /** Package → the ichibyo.sfn packages its classes refer to. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = COMMENTS.matcher(Files.readString(f)).replaceAll("");
                Matcher p = PACKAGE.matcher(code);
                if (!p.find()) continue;
                String pkg = p.group(1);
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher r = REFERENCE.matcher(code);
                while (r.find()) {
                    String target = r.group(1);
                    if (target.startsWith("ichibyo.sfn") && !target.equals(pkg)) deps.add(target);
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out, counter);
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
