package ichibyo.functions.encode;

import java.util.Map;

/**
 * encode-chunk (Lambda): {@link ChunkEncoding}, for chunks small enough for Lambda (plan-chunks decides; larger ones
 * run the same code on a Fargate task). Input {@link PlanChunksHandler.ChunkTask}; output {@link ChunkEncoding.EncodedChunk}.
 */
public final class EncodeChunkHandler extends EncodeStepHandler<PlanChunksHandler.ChunkTask, ChunkEncoding.EncodedChunk> {
    private final ChunkEncoding encoding;

    public EncodeChunkHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public EncodeChunkHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    EncodeChunkHandler(EncodeSteps steps, Map<String, String> env) {
        super(PlanChunksHandler.ChunkTask.class, "encode-chunk", "encode-chunk-fails-no-plan.json", steps, env);
        this.encoding = new ChunkEncoding(steps, "lambda:" + env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "encode-chunk"));
    }

    @Override
    protected ChunkEncoding.EncodedChunk handle(PlanChunksHandler.ChunkTask in) {
        return encoding.encode(in);
    }
}
