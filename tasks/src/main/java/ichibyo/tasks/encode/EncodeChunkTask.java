package ichibyo.tasks.encode;

import ichibyo.core.Json;
import ichibyo.functions.encode.ChunkEncoding;
import ichibyo.functions.encode.EncodeSteps;
import ichibyo.functions.encode.PlanChunksHandler;
import ichibyo.tasks.Task;
import java.util.Map;

/**
 * encode-chunk on Fargate, for chunks too long or too large for Lambda: the same {@link ChunkEncoding} as the
 * function. Input from the environment: {@code MEDIA_BUCKET} and {@code ENCODE_JOBS_TABLE} (the task definition's),
 * {@code PLAN_KEY}, {@code PROFILE_ID} and {@code CHUNK} (the state's container overrides). The result is the
 * function's; errors carry the same class names, so one Retry serves both.
 */
public final class EncodeChunkTask implements Task {

    @Override
    public String run(Map<String, String> environment) throws Exception {
        String chunk = environment.get("CHUNK");
        if (environment.get("PLAN_KEY") == null || environment.get("PROFILE_ID") == null || chunk == null || !chunk.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException("encode-chunk needs PLAN_KEY, PROFILE_ID and CHUNK (a chunk number)");
        }
        PlanChunksHandler.ChunkTask task = new PlanChunksHandler.ChunkTask(environment.get("PLAN_KEY"), environment.get("PROFILE_ID"),
                Integer.parseInt(chunk), PlanChunksHandler.RunOn.FARGATE);
        return Json.mapper().writeValueAsString(new ChunkEncoding(EncodeSteps.fromEnvironment(environment), "fargate:encode-chunk").encode(task));
    }
}
