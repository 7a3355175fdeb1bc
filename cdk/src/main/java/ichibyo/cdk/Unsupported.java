package ichibyo.cdk;

/** What the description can say that the CDK app cannot build yet: refused by name, never skipped. */
final class Unsupported extends IllegalArgumentException {

    private Unsupported(String message) {
        super(message);
    }

    static Unsupported fargateTask(String name) {
        return new Unsupported("Fargate task " + name + ": the CDK app does not build Fargate tasks yet"
                + " (they come with the render and encode tasks, tasks/ and its Dockerfile)");
    }
}
