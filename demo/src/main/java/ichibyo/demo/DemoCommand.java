package ichibyo.demo;

import ichibyo.local.cli.DataOptions;
import ichibyo.local.cli.LocalCommand;
import ichibyo.local.cli.PortOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ichibyo-local demo}: the product end to end; {@link Demo} holds it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The product on a runtime of its own: registers four families (POST /families), uploads their photos and",
            "videos (real samples and generated clips, dated in the quarter and month that just ended) through upload-url,",
            "waits for scoring, fires the quarterly and monthly delivery schedules with a live progress line, prints each",
            "run's summary and estimated AWS cost, copies the movies to OUT/movies/ and draws OUT/delivery-curve.png.",
            "Without --data its data is temporary; the functions' log goes to OUT/demo.log."})
public final class DemoCommand implements LocalCommand, Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "OUT", description = "the output directory (default: out)")
    Path output;
    @Mixin
    DataOptions dataOptions;
    @Mixin
    PortOptions portOptions;

    @Override
    public Integer call() throws Exception {
        return Demo.run(output, dataOptions, portOptions);
    }
}
