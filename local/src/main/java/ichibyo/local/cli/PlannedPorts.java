package ichibyo.local.cli;

import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalNames;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.services.Ports;
import java.io.IOException;
import java.util.List;

/**
 * The runtime's ports, chosen before it starts ({@code --port-s3 N}, ... or free ones): a command that
 * runs handlers relaunches its JVM with the endpoints in the environment, and the relaunched JVM
 * must start the services on the same ports.
 */
public record PlannedPorts(int s3, int dynamodb, int sqs, int sfn, int events, int api) {

    public static PlannedPorts from(PortOptions options) throws IOException {
        int[] p = Ports.choose(options.s3, options.dynamodb, options.sqs, options.sfn, options.events, options.api);
        return new PlannedPorts(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    public Endpoints endpoints() {
        return Endpoints.onLoopback(s3, dynamodb, sqs, sfn, events, api, LocalNames.REGION);
    }

    /** The options that choose these ports again, for the relaunched command. */
    public List<String> arguments() {
        return List.of("--port-s3", "" + s3, "--port-dynamodb", "" + dynamodb, "--port-sqs", "" + sqs,
                "--port-sfn", "" + sfn, "--port-events", "" + events, "--port-api", "" + api);
    }

    public RuntimeOptions applyTo(RuntimeOptions options) {
        return options.withPorts(s3, dynamodb, sqs, sfn, events, api);
    }
}
