/**
 * The one description of ichibyo's resources: buckets, tables, queues, S3 event notifications,
 * state machines, Lambda functions, Fargate task definitions, schedules and event buses.
 *
 * <p>Why a module of its own ({@code app/}, artifact {@code ichibyo-app}) and not {@code functions}:
 * both the CDK app ({@code cdk/}) and the local runtime ({@code local/}) are built from this
 * description, and neither should pull the other's jars through it. {@code functions} brings the
 * Lambda libraries, the AWS SDK and {@code core} (FFmpeg, ONNX Runtime); this module depends on
 * nothing but the JDK, so the CDK app can read it without loading handler code, and the handlers
 * never see infrastructure. Handlers are named by class name (a string) for the same reason.
 *
 * <p>Everything is a plain record; references between resources ({@link ichibyo.app.Ref}) stay
 * symbolic (a function's ARN, a queue's URL, ...) and each side resolves them its own way through
 * {@link ichibyo.app.Ref.Resolver}: the CDK app to construct tokens, the local runtime to loopback
 * endpoints and local ARNs. Names in the description are the physical names used locally and the
 * logical names (construct ids) on AWS.
 *
 * <p>What a function, state machine or task does with the others is stated with it ({@link ichibyo.app.Access}):
 * references say where a resource is, access what may be done with it. The CDK app grants exactly that;
 * {@link ichibyo.app.AppDescription#accessProblems()} holds the two together.
 *
 * <p>The description of ichibyo itself is {@link ichibyo.app.Ichibyo#app()}.
 */
package ichibyo.app;
