package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.cost.CostEstimate;
import ichibyo.core.cost.CostLine;
import ichibyo.core.cost.CostModel;
import ichibyo.core.cost.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Not a test (BENCHMARKS.md, "Delivery runs: cost per movie" and "toward millions"): what a quarterly movie and
 * a run for 5 million families would cost and take on AWS, from the durations measured by
 * {@link SteadyDeliveryBenchmark} and {@link ExtractTargetsBenchmark} (their JSON under
 * {@code test/target/bench/}) and core's {@link CostModel} with its default prices (us-east-1). Everything
 * that is not measured here is an assumption, printed with the figures.
 *
 * <p>Arguments: {@code [families] [lambdaConcurrency]} (defaults 5000000, 1000).
 */
public final class DeliveryModel {
    // Memory of each step as Ichibyo.app() configures it.
    static final int SELECT_MB = 1024;
    static final int RENDER_MB = 3008;
    static final int DELIVER_MB = 512;
    static final int EXTRACT_MB = 1024;
    static final int GATHER_MB = 512;
    static final int EXPRESS_MB = 64;

    /** Assumption: a 20-moment 1280×720 quarterly movie on Lambda at 3008 MB (≈1.7 vCPU): the fused render's 8.99 s wall
     *  on 2 cores here (BENCHMARKS.md, renderer) plus about 0.5 s of S3 reads and the upload. */
    static final double QUARTERLY_RENDER_SECONDS = 9.5;
    /** Assumption: Step Functions' own time per state of an Express child on AWS (Lambda invoke overhead, transitions). */
    static final double STATE_OVERHEAD_SECONDS = 0.03;
    /** Assumptions for a Scan segment on AWS: counter items read per second, families looked up per second (BatchGetItem
     *  of 100 keys, 2 per family, ≈10 ms each); the handler does the two one after the other. */
    static final double AWS_SCAN_COUNTERS_PER_SECOND = 50_000;
    static final double AWS_LOOKUP_FAMILIES_PER_SECOND = 5_000;
    /** The Inline Map that runs the segments runs at most 40 iterations at once. */
    static final int SEGMENTS = 40;
    /** Assumption: gather-targets streams the segments' lists S3 to S3 at 50 MB/s; a target line is about 110 bytes. */
    static final double GATHER_BYTES_PER_SECOND = 50e6;
    static final double TARGET_LINE_BYTES = 110;
    /** Requests per quarterly movie: PUT selection, plan, staged movie and poster, COPY movie and poster; GET plan and each
     *  moment's original (ffmpeg's input seeking: assumed 2 ranged GETs per moment, 20 moments). */
    static final long S3_PUTS = 6;
    static final long S3_GETS = 1 + 2 * 20;
    /** DynamoDB per movie: select reads the delivery record (1) and 3 months of best videos from byMonth (60 items of
     *  ≈1 KB each month, eventually consistent: 7.5 units a month); extract-targets looks up profile and record (2);
     *  deliver reads the record twice (2), writes it and marks its event (2 write units). */
    static final double DYNAMO_READS = 1 + 3 * 7.5 + 2 + 2;
    static final double DYNAMO_WRITES = 2;

    private DeliveryModel() {}

    record Steps(double selectS, double renderS, double deliverS) {
        double family() {
            return selectS + renderS + deliverS + 4 * STATE_OVERHEAD_SECONDS;
        }
    }

    public static void main(String[] args) throws Exception {
        long families = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        JsonNode steady = read("test/target/bench/steady-delivery.json");
        JsonNode extract = read("test/target/bench/extract-targets.json");
        double selectS = steady.path("selectMillisP50").asDouble(300) / 1000;
        double tinyRenderS = steady.path("renderMillisP50").asDouble(1000) / 1000;
        double deliverS = steady.path("deliverMillisP50").asDouble(200) / 1000;
        System.out.printf("measured (steady delivery, %s families, p50): select %.3f s, render of a tiny movie %.3f s, deliver %.3f s%n",
                steady.path("families").asText("?"), selectS, tinyRenderS, deliverS);
        CostModel costs = CostModel.defaults();
        System.out.printf("prices: %s, %s, as of %s%n", costs.prices().region(), costs.prices().currency(), costs.prices().asOf());

        Steps quarterly = new Steps(selectS, QUARTERLY_RENDER_SECONDS, deliverS);
        Steps tiny = new Steps(selectS, tinyRenderS, deliverS);
        System.out.println();
        System.out.println("## Cost per quarterly movie (Express children, 4 families each)");
        table(costs, quarterly, 4, false);
        System.out.println();
        System.out.println("## Child type and batch size (quarterly movie, render " + QUARTERLY_RENDER_SECONDS + " s)");
        System.out.println("| children | families per child | child duration s | orchestration $/movie | total $/movie | orchestration share |");
        System.out.println("|---|---|---|---|---|---|");
        for (boolean standard : List.of(false, true)) {
            for (int batch : List.of(1, 2, 4, 8, 16)) {
                double total = perMovie(costs, quarterly, batch, standard).total();
                double orch = orchestration(perMovie(costs, quarterly, batch, standard));
                System.out.printf("| %s | %d | %.1f | %.7f | %.6f | %.1f %% |%n", standard ? "Standard" : "Express", batch,
                        batch * quarterly.family(), orch, total, 100 * orch / total);
            }
        }
        System.out.println();
        System.out.println("## The tiny movies measured here (render " + String.format("%.2f", tinyRenderS) + " s), Express, 4 per child");
        table(costs, tiny, 4, false);

        System.out.println();
        System.out.printf("## A run for %,d families at Lambda concurrency %,d (quarterly movies, Express children of 4)%n", families,
                concurrency);
        double awsSegmentRate = 1 / (1 / AWS_SCAN_COUNTERS_PER_SECOND + 1 / AWS_LOOKUP_FAMILIES_PER_SECOND);
        double scanS = families / (double) SEGMENTS / awsSegmentRate;
        double localRate = extract.path("familiesPerSecondBySegments").path("1").asDouble(Double.NaN);
        double gatherS = families * TARGET_LINE_BYTES / GATHER_BYTES_PER_SECOND;
        double mapS = families * quarterly.family() / concurrency;
        System.out.printf("find the families: %d segments at %.0f families/s each (assumed on AWS; DynamoDB Local here: %.0f/s with 1 segment)"
                + " = %.0f s; %,d families per segment%n", SEGMENTS, awsSegmentRate, localRate, scanS, families / SEGMENTS);
        System.out.printf("write the target list: %.0f MB at %.0f MB/s = %.0f s%n", families * TARGET_LINE_BYTES / 1e6,
                GATHER_BYTES_PER_SECOND / 1e6, gatherS);
        System.out.printf("make the movies: %,d families x %.2f s / %,d at once = %.0f s (%.1f h); %,d Express children%n", families,
                quarterly.family(), concurrency, mapS, mapS / 3600, (families + 3) / 4);
        double total = scanS + gatherS + mapS;
        System.out.printf("wall time (without the summary) = %.0f s = %.1f h%n", total, total / 3600);
        Usage run = batch(quarterly, 4, false).times(families / 4.0)
                .plus(Usage.lambda(EXTRACT_MB, Math.round(scanS * 1000)).times(SEGMENTS))
                .plus(Usage.lambda(GATHER_MB, Math.round(gatherS * 1000)))
                .plus(Usage.dynamo(0, families * 80 / 4096.0 * 0.5)); // the scan: ≈80-byte counters, eventually consistent
        CostEstimate estimate = costs.estimate(run);
        for (CostLine l : estimate.lines()) {
            System.out.printf("| %s | %,.0f %s | $%,.2f |%n", l.item(), l.quantity(), l.unit(), l.cost());
        }
        System.out.printf("run total $%,.2f = $%.6f per movie%n", estimate.total(), estimate.total() / families);
    }

    static void table(CostModel costs, Steps steps, int batch, boolean standard) {
        CostEstimate e = perMovie(costs, steps, batch, standard);
        System.out.println("| item | quantity per movie | unit | $ per movie |");
        System.out.println("|---|---|---|---|");
        for (CostLine l : e.lines()) {
            System.out.printf("| %s | %.4f | %s | %.8f |%n", l.item(), l.quantity(), l.unit(), l.cost());
        }
        double orch = orchestration(e);
        System.out.printf("| **total** | | | **%.6f** |%n", e.total());
        System.out.printf("orchestration (Step Functions) $%.7f = %.1f %% of the total%n", orch, 100 * orch / e.total());
    }

    static final Set<String> ORCHESTRATION = Set.of("Step Functions Standard transitions", "Step Functions Express requests",
            "Step Functions Express duration");

    static double orchestration(CostEstimate e) {
        return e.lines().stream().filter(l -> ORCHESTRATION.contains(l.item())).mapToDouble(CostLine::cost).sum();
    }

    /**
     * One child's worth of movies ({@code batch} families): each family's three Lambda steps at their configured
     * memory, S3 requests, DynamoDB units and MovieDelivered event; the parent's one transition for the child it
     * starts; for an Express child its request and duration (billed in 100 ms and 64 MB steps), for a Standard
     * child its transitions (the batch's inline Map, then per family select, choice, render, deliver).
     */
    static Usage batch(Steps s, int batch, boolean standard) {
        Usage family = Usage.lambda(SELECT_MB, Math.round(s.selectS() * 1000))
                .plus(Usage.lambda(RENDER_MB, Math.round(s.renderS() * 1000)))
                .plus(Usage.lambda(DELIVER_MB, Math.round(s.deliverS() * 1000)))
                .plus(Usage.s3(S3_PUTS, S3_GETS))
                .plus(Usage.dynamo(DYNAMO_WRITES, DYNAMO_READS))
                .plus(Usage.events(1));
        Usage child = standard
                ? Usage.standardTransitions(1 + 4L * batch)
                : Usage.express(Math.round(batch * s.family() * 1000), EXPRESS_MB);
        return family.times(batch).plus(child).plus(Usage.standardTransitions(1));
    }

    /** Per movie: a child's estimate divided by its families. */
    static CostEstimate perMovie(CostModel costs, Steps s, int batch, boolean standard) {
        CostEstimate e = costs.estimate(batch(s, batch, standard));
        List<CostLine> lines = e.lines().stream()
                .map(l -> new CostLine(l.item(), l.quantity() / batch, l.unit(), l.unitPrice(), l.cost() / batch)).toList();
        return new CostEstimate(e.region(), e.currency(), e.pricesAsOf(), e.total() / batch, lines);
    }

    static JsonNode read(String path) throws Exception {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            System.out.println("(no " + path + ": run its benchmark first; defaults used)");
            return Json.mapper().createObjectNode();
        }
        return Json.mapper().readTree(Files.readString(p));
    }
}
