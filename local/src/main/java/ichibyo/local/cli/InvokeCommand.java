package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalFunctions;
import ichibyo.local.runtime.LocalNames;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.sfn.integration.lambda.InProcessLambda;
import ichibyo.local.sfn.integration.lambda.LambdaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code invoke FUNCTION EVENT.json}: runs a function once in this JVM, as SAM's local invoke does,
 * against the running {@code up} (or services started for the call). Prints the response on
 * standard output; exits 1 when the function failed.
 */
final class InvokeCommand {

    int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("dynamodb-on-disk"));
        if (args.positional().size() != 2) {
            System.err.println("usage: ichibyo-local invoke FUNCTION EVENT.json");
            return 2;
        }
        String function = args.positional().get(0);
        String event = Files.readString(Path.of(args.positional().get(1)));
        if (Ichibyo.app().function(function).isEmpty()) {
            System.err.println("ichibyo-local: no function " + function + "; functions: "
                    + Ichibyo.app().functions().stream().map(ichibyo.app.Function::name).toList());
            return 2;
        }
        try (RuntimeConnection connection = RuntimeConnection.open(args)) {
            FunctionInvoker.Result result = invoke(connection, function, event);
            System.out.println(result.payload());
            return result.failed() ? 1 : 0;
        }
    }

    static FunctionInvoker.Result invoke(RuntimeConnection connection, String function, String event) throws InterruptedException {
        if (connection.started() != null) {
            return connection.started().invoker().invoke(function, event);
        }
        // A running 'up' in another process: this JVM runs the handler, pointed at its services.
        Endpoints e = connection.endpoints();
        e.sdkSystemProperties().forEach(System::setProperty);
        LocalNames names = new LocalNames(e.region(), LocalNames.ACCOUNT, q -> e.sqs() + "/" + LocalNames.ACCOUNT + "/" + q);
        try (InProcessLambda lambda = new InProcessLambda(LocalFunctions.register(Ichibyo.app(), names, new LambdaRegistry()))) {
            return LocalFunctions.invoker(lambda, names).invoke(function, event);
        }
    }
}
