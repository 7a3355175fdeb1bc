package ichibyo.functions.encode;

import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.functions.Env;
import ichibyo.functions.aws.AwsClients;
import java.time.Duration;
import java.util.Map;

/**
 * What every step of the encoding workflow works with: the bucket, the work log (the jobs table), the FFmpeg binaries, the profile sets,
 * and its limits. Configuration: {@code MEDIA_BUCKET}; {@code ENCODE_JOBS_TABLE}; {@code ENCODE_PROFILES_TABLE}; {@code ENCODE_FFMPEG_TIME_LIMIT_SECONDS} (default 840,
 * under Lambda's 15 minutes); {@code ENCODE_SCENE_THRESHOLD} (0.3); {@code ENCODE_CHUNK_SECONDS} as
 * {@code min/target/max} (4/10/20), which a request may override; {@code ENCODE_FARGATE_ABOVE_MEGAPIXEL_FRAMES} (600:
 * about 10 s of 1080p at 30 fps), the work (frames × output megapixels) above which a chunk is encoded on Fargate.
 */
public record EncodeSteps(EncodeStorage storage, EncodeWorkLog workLog, FfmpegRunner ffmpeg, ProfileStore profiles, Duration timeLimit,
                          double sceneThreshold, ChunkLimits chunkLimits, double fargateAboveMegapixelFrames) {

    public static EncodeSteps fromEnvironment(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        return new EncodeSteps(new EncodeStorage(aws.s3(), aws.presigner(), Env.require(env, "MEDIA_BUCKET")),
                new EncodeWorkLog(aws.dynamoDb(), Env.require(env, "ENCODE_JOBS_TABLE"), java.time.Clock.systemUTC()), FfmpegRunner.local(),
                new ProfileStore(aws.dynamoDb(), Env.require(env, "ENCODE_PROFILES_TABLE"), ProfileCatalog.seeds()), Duration.ofSeconds(Env.intOr(env, "ENCODE_FFMPEG_TIME_LIMIT_SECONDS", 840)),
                Double.parseDouble(Env.or(env, "ENCODE_SCENE_THRESHOLD", "0.3")), chunkLimits(Env.or(env, "ENCODE_CHUNK_SECONDS", "4/10/20")),
                Double.parseDouble(Env.or(env, "ENCODE_FARGATE_ABOVE_MEGAPIXEL_FRAMES", "600")));
    }

    static ChunkLimits chunkLimits(String text) {
        String[] parts = text.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("ENCODE_CHUNK_SECONDS is min/target/max seconds, not " + text);
        }
        return new ChunkLimits(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    }

    /** Presigned URLs outlive the longest ffmpeg run that reads them. */
    public Duration urlLifetime() {
        return timeLimit.plusMinutes(15);
    }
}
