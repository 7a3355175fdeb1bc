package ichibyo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.local.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code demo} is a command of the one {@code ichibyo-local}, found on the class path. */
class DemoCommandTest {

    private static String out(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(args)).isZero();
        } finally {
            System.setOut(out);
        }
        return o.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demo_isListedByIchibyoLocal_andHasItsHelp() {
        assertThat(out("--help")).contains("demo");
        assertThat(out("demo", "--help")).startsWith("Usage: ichibyo-local demo").contains("[OUT]", "--data=DIR",
                "--in-memory", "--port-s3=N");
    }

    @Test
    void demo_withAnOptionItDoesNotHave_isAUsageError() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.execute("demo", "--data-dir", "X");
        } finally {
            System.setErr(err);
        }
        assertThat(status).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8).lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("Unknown option").contains("'--data-dir'"));
    }
}
