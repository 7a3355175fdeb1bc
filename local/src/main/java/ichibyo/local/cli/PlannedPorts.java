package ichibyo.local.cli;

import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalNames;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The runtime's ports, chosen before it starts ({@code --port-s3 N}, ... or free ones): a command that
 * runs handlers relaunches its JVM with the endpoints in the environment, and the relaunched JVM
 * must start the services on the same ports.
 */
public record PlannedPorts(int s3, int dynamodb, int sqs, int sfn, int events, int api) {

    public static PlannedPorts from(PortOptions options) throws IOException {
        return new PlannedPorts(port(options.s3), port(options.dynamodb), port(options.sqs), port(options.sfn),
                port(options.events), port(options.api));
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

    private static int port(int configured) throws IOException {
        if (configured != 0) {
            return configured;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
