package ichibyo.demo;

import ichibyo.local.cli.DataOptions;
import ichibyo.local.cli.LocalCommand;
import ichibyo.local.cli.PortOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ichibyo-local demo}: the end-to-end story; {@link Demo} holds it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The end-to-end demo on a runtime of its own: uploads sample photos and videos, score-media",
            "catalogs them, renders a 1-second movie into out/demo-movie.mp4 (and S3), prints each phase's time.",
            "Without --data its data is temporary; the functions' log goes to OUTPUT.mp4.log."})
public final class DemoCommand implements LocalCommand, Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "OUTPUT.mp4", description = "where the movie goes (default: out/demo-movie.mp4)")
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
