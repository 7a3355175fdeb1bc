package ichibyo.core.encode;

/**
 * The {@code EncodeFailed} event (source {@value EncodeCompleted#SOURCE}) as the rescue sends it for a job it failed: the
 * workflow's own failure path sends one of the same type ({@code statemachines/encode.asl.json}); both name the job, the
 * error and its cause. The alert topic gets every one.
 *
 * @param settledBy who failed the job: {@code rescue-encodes} (the workflow's own events leave it out)
 */
public record EncodeFailed(String jobId, String executionArn, String error, String cause, String settledBy) {
    public static final String DETAIL_TYPE = "EncodeFailed";
}
