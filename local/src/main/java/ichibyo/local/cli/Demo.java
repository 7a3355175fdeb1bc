package ichibyo.local.cli;

import ichibyo.core.render.DemoMovie;
import java.nio.file.Path;

/**
 * The demo that {@code ichibyo-local demo} runs: renders a sample 1-second movie from the real
 * photos and videos that {@code scripts/setup} installs into {@code out/} (or the path given) and
 * prints its path and length. It grows into the whole delivery run (upload, scoring, selection,
 * render, delivery on the local runtime) with the delivery-run issue.
 */
public final class Demo {

    private Demo() {}

    /** @return the process exit status */
    public static int run(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "out/demo-movie.mp4");
        DemoMovie.main(new String[] {output.toString()});
        return 0;
    }
}
