package ichibyo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line itself: help on every command, usage errors refused in one line with exit status 2. */
class MainTest {

    record Result(int status, String out, String err) {}

    static Result execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void up_withAnOptionItDoesNotHave_isRefusedInOneLine_withExitStatus2_beforeStartingAnything() {
        Result r = execute("up", "--data-dir", "X");
        assertThat(r.status()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines.getFirst()).startsWith("Unknown option").contains("'--data-dir'");
        assertThat(lines).contains("Possible solutions: --data").anyMatch(l -> l.startsWith("Usage: ichibyo-local up"));
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBareUnknownFlag_isAUsageError_notAStackTrace() {
        Result r = execute("history", "some-execution", "--verbose");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).contains("--verbose"));
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aMissingArgument_isAUsageError() {
        Result r = execute("invoke", "upload-url");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("Missing required parameter"));
    }

    @Test
    void anUnknownCommand_isAUsageError() {
        Result r = execute("deploy");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("deploy").contains("Usage: ichibyo-local");
    }

    @Test
    void help_atTheTop_listsEveryCommand() {
        for (String help : List.of("--help", "-h", "help")) {
            Result r = execute(help);
            assertThat(r.status()).as(help).isZero();
            assertThat(r.out()).startsWith("Usage: ichibyo-local").contains("up", "invoke", "run", "history", "fire", "sfn");
        }
        assertThat(execute().out()).startsWith("Usage: ichibyo-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "invoke", "run", "history", "fire", "sfn"})
    void help_onEachCommand_printsItsUsage(String command) {
        Result r = execute(command, "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: ichibyo-local " + command);
        assertThat(execute("help", command).out()).startsWith("Usage: ichibyo-local " + command);
    }

    @Test
    void up_keepsItsOptions() {
        assertThat(execute("up", "--help").out()).contains("--data=DIR", "--in-memory", "--port-s3=N", "--port-dynamodb=N",
                "--port-sqs=N", "--port-sfn=N", "--port-events=N", "--port-api=N");
    }
}
