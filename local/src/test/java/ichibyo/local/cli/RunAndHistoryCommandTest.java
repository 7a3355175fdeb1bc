package ichibyo.local.cli;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.LocalRuntimeTest;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code history} against a running runtime, as a user runs them after {@code up}. */
class RunAndHistoryCommandTest {

    @TempDir
    static Path data;
    static LocalRuntime runtime;

    @BeforeAll
    static void up() throws Exception {
        runtime = LocalRuntime.start(new RuntimeOptions(LocalRuntimeTest.testApp(), data, false, Path.of("src/test/resources"),
                0, 0, 0, 0, 0, 0));
        RuntimeConnection.write(data, runtime.endpoints());
    }

    @AfterAll
    static void down() {
        runtime.close();
    }

    record Captured(int status, String out, String err) {}

    static Captured capture(Callable<Integer> command) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            return new Captured(command.call(), o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void run_followsTheExecution_andPrintsItsOutput_thenHistoryShowsRetriesAndMapItems() throws Exception {
        Path input = Files.writeString(data.resolve("input.json"), "{}");
        Captured run = capture(() -> Main.execute("run", "fan-out", input.toString(), "--name", "first", "--data", data.toString()));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Json.mapper().readTree(run.out())).hasToString("[2,4,6]");
        assertThat(run.err()).contains("SUCCEEDED").contains("map items: 3/3");

        Captured history = capture(() -> Main.execute("history", "first", "--machine", "fan-out", "--data", data.toString()));
        System.out.println(history.out());
        assertThat(history.status()).isZero();
        assertThat(history.out()).containsPattern("Fetch +Task .* retries: 1 after .*TransientException")
                .containsPattern("EachItem +Map .* items: 3 ok")
                .containsPattern("Double +×3")
                .contains("ExecutionSucceeded");
    }

    @Test
    void distributedMap_progressAndHistory_summariseTheChildExecutions() throws Exception {
        Path input = Files.writeString(data.resolve("families.json"), "{\"families\": [\"f1\", \"f2\", \"f3\", \"f4\"]}");
        Captured run = capture(() -> Main.execute("run", "distributed", input.toString(), "--name", "d1", "--data", data.toString()));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("map run items: 4/4");
        Captured history = capture(() -> Main.execute("history", "d1", "--machine", "distributed", "--data", data.toString()));
        System.out.println(history.out());
        assertThat(history.out()).containsPattern("EachFamily +Map").contains("children 4 succeeded, 0 failed");
    }

    @Test
    void failedExecution_runExitsWithItsError_andHistoryEndsWithErrorAndCause() throws Exception {
        Path input = Files.writeString(data.resolve("f.json"), "{}");
        Captured run = capture(() -> Main.execute("run", "failing", input.toString(), "--name", "f1", "--data", data.toString()));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: Family.NotEligible — no media in the period");
        Captured history = capture(() -> Main.execute("history", "f1", "--machine", "failing", "--data", data.toString()));
        assertThat(history.out()).containsPattern("Check +Pass").containsPattern("Refuse +Fail")
                .contains("ExecutionFailed  Family.NotEligible — no media in the period");
    }

    @Test
    void run_ofAnUnknownMachine_failsWithTheApiError() throws Exception {
        Path input = Files.writeString(data.resolve("empty.json"), "{}");
        Captured run = capture(() -> {
            try {
                return Main.execute("run", "no-such-machine", input.toString(), "--data", data.toString());
            } catch (software.amazon.awssdk.services.sfn.model.SfnException e) {
                System.err.println(e.awsErrorDetails().errorCode());
                return 1;
            }
        });
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("StateMachineDoesNotExist");
    }
}
