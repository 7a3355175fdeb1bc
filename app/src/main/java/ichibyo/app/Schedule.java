package ichibyo.app;

/**
 * An EventBridge Scheduler schedule that starts an execution of {@code stateMachine} with a fixed input.
 *
 * @param expression {@code cron(min hour day-of-month month day-of-week year)}, {@code rate(n unit)} or
 *                   {@code at(yyyy-mm-ddThh:mm:ss)}
 * @param timeZone   an IANA zone, e.g. {@code Asia/Tokyo}; cron and at are read in it
 * @param input      the execution input, a JSON document
 * @param flexibleWindowMinutes 0 for off; ignored locally (schedules fire on time)
 */
public record Schedule(String name, String expression, String timeZone, String stateMachine, String input, int flexibleWindowMinutes) {}
