package ichibyo.functions.encode;

/** A step for one profile of a job: join, verify. */
public record ProfileTask(String planKey, String profileId) {}
