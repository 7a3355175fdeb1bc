package ichibyo.local.cli;

import ichibyo.local.sfn.StepFunctionsServer;

/** {@code sfn --port N [--data DIR]}: the Step Functions emulator alone (its own server). */
final class SfnCommand {

    int run(String[] argv) throws Exception {
        StepFunctionsServer.main(argv);
        return 0;
    }
}
