package ichibyo.local.runtime.lambda;

/** Lambda's {@code ResourceNotFoundException}: no function of that name is registered. */
public final class LambdaFunctionNotFoundException extends Exception {
    private final String functionArn;

    public LambdaFunctionNotFoundException(String functionArn) {
        super("Function not found: " + functionArn);
        this.functionArn = functionArn;
    }

    public String functionArn() {
        return functionArn;
    }
}
