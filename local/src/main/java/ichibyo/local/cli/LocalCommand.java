package ichibyo.local.cli;

/**
 * A subcommand that another module adds to {@code ichibyo-local} (the demo's {@code demo}): a picocli
 * {@code @Command} class listed in {@code META-INF/services/ichibyo.local.cli.LocalCommand}, found on
 * the class path by {@link Main}. So there is one entry point, and {@code local} does not depend on
 * the modules that add commands.
 */
public interface LocalCommand {}
