package ichibyo.local.cli;

/**
 * The end-to-end demo that {@code ichibyo-local demo} runs: for now the renderer demo through the
 * runtime, later the whole delivery run. To be filled in (the renderer demo is wired by the lead).
 */
public final class Demo {

    private Demo() {}

    /** @return the process exit status */
    public static int run(String[] args) throws Exception {
        System.err.println("ichibyo-local demo: not wired yet. The renderer demo will run here through the local runtime;"
                + " meanwhile try './ichibyo-local up'.");
        return 3;
    }
}
