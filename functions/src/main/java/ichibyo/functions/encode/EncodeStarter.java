package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.ProfileSet;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts a job's execution under its deterministic name ({@link EncodeJob#jobId()}: content id, profile set and the
 * set's current version), whoever asks: {@code POST /encodes} and a master arriving under {@code masters/} both come
 * here, so an upload and a request for the same content and set version are one job.
 */
final class EncodeStarter {
    private final EncodeStorage storage;
    private final ProfileStore profiles;
    private final SfnClient sfn;
    private final String stateMachineArn;

    EncodeStarter(EncodeStorage storage, ProfileStore profiles, SfnClient sfn, String stateMachineArn) {
        this.storage = storage;
        this.profiles = profiles;
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /**
     * @param masterKey   the master, or null for the one object under {@code masters/{contentId}/}
     * @param chunkLimits null for the configured ones
     * @throws ichibyo.core.encode.exceptions.EncodeException a bad content id, an unknown profile set, a master key elsewhere
     * @throws MasterNotFoundException                        no master
     */
    StartEncodeHandler.StartedJob start(String contentId, String profileSetName, String masterKey, ChunkLimits chunkLimits) {
        ProfileSet set = profiles.current(profileSetName);
        EncodeJob job = new EncodeJob(contentId, set.name(), set.version());
        String key = storage.masterKey(EncodeJob.mastersPrefix(job.contentId()), masterKey);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("contentId", job.contentId());
        input.put("profileSet", job.profileSet());
        input.put("masterKey", key);
        if (chunkLimits != null) {
            input.put("chunkLimits", chunkLimits);
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + job.jobId();
        boolean started;
        try {
            executionArn = sfn.startExecution(s -> s.stateMachineArn(stateMachineArn).name(job.jobId()).input(json)).executionArn();
            // A repeated start with the same input while the job runs gets that execution back (as on AWS): still one job.
            started = true;
        } catch (ExecutionAlreadyExistsException e) {
            started = false;
        }
        return new StartEncodeHandler.StartedJob(job.jobId(), executionArn, started, job.deliveryPrefix(), key);
    }
}
