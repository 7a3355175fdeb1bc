package ichibyo.local.cli;

/** {@code demo}: the end-to-end story; {@link Demo} holds it. */
final class DemoCommand {

    int run(String[] argv) throws Exception {
        return Demo.run(argv);
    }
}
