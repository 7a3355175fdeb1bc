package ichibyo.local.cli;

import ichibyo.core.encode.ProfileCatalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ichibyo-local encode MASTER [--profile-set NAME] [--out DIR]}: the encoding workflow on one master; {@link LocalEncode} holds it. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encodes a master video on a runtime of its own: uploads MASTER under masters/{contentId}/ (the content id is",
            "the file's name, sanitised), starts the job with POST /encodes signed in as an operator, follows it with a progress",
            "line (chunks done / total per profile), then prints each output (frames, duration, size, bitrate, SSIM/PSNR as",
            "verify measured them, its deliveries/ key) and copies the placed outputs to DIR. A file that is not a video is",
            "refused before anything starts (exit 2); a failed job prints the work log's error (exit 1).",
            "Without --data its data is temporary; the functions' log goes to DIR/encode.log."})
public final class EncodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MASTER", description = "the master video file")
    Path master;
    @Option(names = "--profile-set", paramLabel = "NAME", defaultValue = ProfileCatalog.DEFAULT_SET,
            description = "the profile set to encode for (default ${DEFAULT-VALUE}; seeds: apple-hls, android, tv, vr, preview)")
    String profileSet;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/encodes",
            description = "where the outputs are copied, under {contentId}/{profileSet}/ (default ${DEFAULT-VALUE})")
    Path out;
    @Mixin
    DataOptions dataOptions;
    @Mixin
    PortOptions portOptions;

    @Override
    public Integer call() throws Exception {
        return LocalEncode.run(master, profileSet, out, dataOptions, portOptions);
    }
}
