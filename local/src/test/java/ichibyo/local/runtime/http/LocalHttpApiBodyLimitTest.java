package ichibyo.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies over 10 MB get 413, as from API Gateway, without the server reading them: a 1 GiB
 * body is streamed from a plain socket (never allocated) and the server's heap stays small.
 */
class LocalHttpApiBodyLimitTest {
    private static final long ONE_GIB = 1L << 30;

    @TempDir
    static Path data;
    static LocalRuntime runtime;

    @BeforeAll
    static void up() {
        Function echo = new Function("echo", EchoHandler.class.getName(), 256, Duration.ofSeconds(10), Map.of(), List.of())
                .withHttpRoute("POST", "/echo");
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(new AppDescription(List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(echo), List.of(), List.of(), List.of())));
    }

    @AfterAll
    static void down() {
        runtime.close();
    }

    private record Answer(String statusLine, long bytesSent) {}

    /** Sends headers, then streams up to 1 GiB of zeros until the server answers or closes. */
    private static Answer send(String headers, boolean chunked) throws Exception {
        URI api = URI.create(runtime.endpoints().api().toString());
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: " + api.getHost() + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Authorization: Bearer " + runtime.tokens().issue("tanaka-haruto") + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] zeros = new byte[1 << 20];
                byte[] chunkHeader = (Integer.toHexString(zeros.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < ONE_GIB) {
                        if (chunked) {
                            out.write(chunkHeader);
                        }
                        out.write(zeros);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        sent.addAndGet(zeros.length);
                    }
                } catch (java.io.IOException e) {
                    // the server answered and closed: what this test expects
                }
            });
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            socket.close();
            writer.join(Duration.ofSeconds(30));
            return new Answer(status, sent.get());
        }
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    @Test
    void oneGibibyteBodyWithItsLength_gets413WithoutBeingRead_andTheServerGoesOn() throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        Answer answer = send("Content-Length: " + ONE_GIB + "\r\n", false);

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(answer.bytesSent()).isLessThan(ONE_GIB);
        assertThat(heapPeak()).isLessThan(512L << 20);
        HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/echo"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + runtime.tokens().issue("tanaka-haruto")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
    }

    @Test
    void oneGibibyteChunkedBody_gets413AfterTheLimit_andNoMore() throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        Answer answer = send("Transfer-Encoding: chunked\r\n", true);

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(answer.bytesSent()).isLessThan(ONE_GIB);
        assertThat(heapPeak()).isLessThan(512L << 20);
    }

    @Test
    void bodyJustUnderTheLimit_isPassedOn() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/echo"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + runtime.tokens().issue("tanaka-haruto"))
                .POST(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(LocalHttpApi.MAX_BODY_BYTES - 2) + "\"")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(201);
    }
}
