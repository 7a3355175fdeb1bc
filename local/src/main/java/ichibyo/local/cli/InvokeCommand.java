package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalFunctions;
import ichibyo.local.runtime.LocalNames;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code invoke FUNCTION EVENT.json}: runs a function once, as SAM's local invoke does: the handler
 * class in a JVM whose environment has the function's variables and the endpoints of the running
 * {@code up} (or of services started for the call). Prints the response on standard output; exits 1
 * when the function failed.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Run a function once with an event (SAM-style local invoke): the response on standard output,"
                + " the function's log on standard error; exit 1 if it failed.")
final class InvokeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "the function's name")
    String function;
    @Parameters(index = "1", paramLabel = "EVENT.json", description = "the event (samples in events/)")
    Path eventPath;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        Path eventFile = eventPath.toAbsolutePath();
        if (Ichibyo.app().function(function).isEmpty()) {
            System.err.println("ichibyo-local: no function " + function + "; functions: "
                    + Ichibyo.app().functions().stream().map(ichibyo.app.Function::name).toList());
            return 2;
        }
        String event = Files.readString(eventFile);
        try (RuntimeConnection connection = RuntimeConnection.open(dataOptions)) {
            Endpoints e = connection.endpoints();
            LocalNames names = LocalFunctions.names(e);
            Map<String, String> env = LocalFunctions.environment(Ichibyo.app(), names, e);
            List<String> again = new ArrayList<>(List.of("invoke", function, eventFile.toString(),
                    "--data", dataOptions.directory().toString()));
            OptionalInt child = Relaunch.ifNeeded(again, env);
            if (child.isPresent()) {
                return child.getAsInt();
            }
            // As on Lambda, what the handler prints is its log (here on standard error); standard output
            // carries the response alone, as with SAM.
            java.io.PrintStream out = System.out;
            FunctionInvoker.Result result;
            System.setOut(System.err);
            try {
                result = invoke(e, names, function, event);
            } finally {
                System.setOut(out);
            }
            System.out.println(result.payload());
            return result.failed() ? 1 : 0;
        }
    }

    private static FunctionInvoker.Result invoke(Endpoints e, LocalNames names, String function, String event) throws InterruptedException {
        e.sdkSystemProperties().forEach(System::setProperty);
        try (InProcessLambda lambda = new InProcessLambda(LocalFunctions.register(Ichibyo.app(), names, new LambdaRegistry()))) {
            return LocalFunctions.invoker(lambda, names).invoke(function, event);
        }
    }
}
