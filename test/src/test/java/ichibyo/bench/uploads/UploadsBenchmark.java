package ichibyo.bench.uploads;

import ichibyo.app.Ichibyo;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.test.RuntimeProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upload load and crash recovery on the local runtime ({@code ichibyo-local up} as a process, durable as by
 * default), as users see them: uploads through {@code POST /upload-url} and presigned PUTs, small JPEGs
 * scored by score-media for real.
 *
 * <ul>
 *   <li>{@code load N... [--repeats R] [--clients C] [--in-memory]}: N uploads from C concurrent clients on a fresh
 *       runtime; uploads per second from the first request until all N are catalogued, and of the PUTs alone.</li>
 *   <li>{@code recovery [--repeats R]}: 50 uploads, the runtime killed ({@code kill -9}) 3 s after the last, started
 *       again on its data directory: the time from that start until all 50 are catalogued (and from "up").</li>
 * </ul>
 */
public final class UploadsBenchmark {
    private UploadsBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String mode = rest.isEmpty() ? "load" : rest.removeFirst();
        int repeats = option(rest, "--repeats", 3);
        int clients = option(rest, "--clients", 8);
        boolean inMemory = rest.remove("--in-memory");
        if (mode.equals("recovery")) {
            recovery(repeats, clients);
            return;
        }
        List<Integer> sizes = rest.isEmpty() ? List.of(200, 1000) : rest.stream().map(Integer::parseInt).toList();
        System.out.printf("upload load: %d clients, %s, %d run(s) each, %d cores%n", clients, inMemory ? "in memory" : "durable",
                repeats, Runtime.getRuntime().availableProcessors());
        for (int n : sizes) {
            double[] rates = new double[repeats];
            double[] putRates = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Path data = Files.createTempDirectory("bench-uploads");
                try (RuntimeProcess up = inMemory ? RuntimeProcess.up(data, data, "up", "--in-memory") : RuntimeProcess.up(data, data, "up")) {
                    long t0 = System.nanoTime();
                    burst(up, "load", n, clients);
                    double putSeconds = (System.nanoTime() - t0) / 1e9;
                    awaitCatalogued(up, "load", n);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    rates[r] = n / seconds;
                    putRates[r] = n / putSeconds;
                    System.out.printf("  %5d uploads: all catalogued in %6.1f s = %6.1f uploads/s (PUTs done in %5.1f s = %6.1f/s)%n",
                            n, seconds, rates[r], putSeconds, putRates[r]);
                }
            }
            System.out.printf("%5d uploads: median %.1f uploads/s until all catalogued (PUTs alone %.1f/s)%n", n, median(rates),
                    median(putRates));
        }
    }

    private static void recovery(int repeats, int clients) throws Exception {
        System.out.printf("recovery: 50 uploads from %d clients, kill -9 3 s after the last, %d run(s), %d cores%n", clients, repeats,
                Runtime.getRuntime().availableProcessors());
        double[] fromStart = new double[repeats];
        double[] fromUp = new double[repeats];
        int[] killedWith = new int[repeats];
        for (int r = 0; r < repeats; r++) {
            Path data = Files.createTempDirectory("bench-recovery");
            RuntimeProcess first = RuntimeProcess.up(data, data, "first");
            try {
                burst(first, "burst", 50, clients);
                Thread.sleep(3000);
                killedWith[r] = new MediaCatalog(first.dynamoDb, Ichibyo.CATALOG_TABLE).items("burst").size();
            } finally {
                first.kill();
            }
            long t0 = System.nanoTime();
            try (RuntimeProcess second = RuntimeProcess.up(data, data, "second")) {
                double up = (System.nanoTime() - t0) / 1e9;
                int atUp = new MediaCatalog(second.dynamoDb, Ichibyo.CATALOG_TABLE).items("burst").size();
                awaitCatalogued(second, "burst", 50);
                fromStart[r] = (System.nanoTime() - t0) / 1e9;
                fromUp[r] = fromStart[r] - up;
                System.out.printf("  killed with %d of 50 catalogued; restart: up in %.1f s (%d catalogued then); all 50 catalogued"
                        + " %.1f s after the start (%.1f s after up)%n", killedWith[r], up, atUp, fromStart[r], fromUp[r]);
            }
        }
        System.out.printf("recovery: median %.1f s from the restart to all 50 catalogued (%.1f s after the runtime was up)%n",
                median(fromStart), median(fromUp));
    }

    /** {@code n} uploads, {@code clients} at a time. */
    private static void burst(RuntimeProcess up, String family, int n, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            up.createFamily(http, family, "Family " + family); // the uploader becomes its owner: upload-url needs a member
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                done.add(pool.submit(() -> {
                    up.upload(http, family, "photo-" + id, RuntimeProcess.photo(id));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitCatalogued(RuntimeProcess up, String family, int n) throws InterruptedException {
        MediaCatalog catalog = new MediaCatalog(up.dynamoDb, Ichibyo.CATALOG_TABLE);
        long end = System.nanoTime() + 600_000_000_000L;
        while (catalog.items(family).size() < n) {
            if (System.nanoTime() > end || !up.alive()) {
                throw new IllegalStateException(catalog.items(family).size() + " of " + n + " catalogued; runtime alive: " + up.alive());
            }
            Thread.sleep(100);
        }
    }

    private static int option(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        int value = Integer.parseInt(args.get(i + 1));
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
