package ichibyo.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One loaded handler instance (a warm container's handler) and how to call it with raw JSON bytes, following
 * the rules of Lambda's Java runtime: stream handlers get the bytes, typed handlers get the payload through
 * Lambda's own serialisation library (its event serialisers for {@code aws-lambda-java-events} types, its
 * Jackson configuration for everything else).
 */
final class HandlerAdapter {

    /** Thrown for a payload the handler's input type cannot take; Lambda reports it as a function error. */
    static final class SerializationFailure extends RuntimeException {
        SerializationFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Object instance;
    private final Method method;
    private final Kind kind;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    private enum Kind { STREAM, TYPED, TYPED_NO_CONTEXT, STREAM_NO_CONTEXT }

    private HandlerAdapter(Object instance, Method method, Kind kind, PojoSerializer<Object> input, PojoSerializer<Object> output) {
        this.instance = instance;
        this.method = method;
        this.kind = kind;
        this.input = input;
        this.output = output;
    }

    /**
     * Loads and instantiates {@code handler} ({@code Class} or {@code Class::method}); errors propagate as thrown.
     * A handler class with a public constructor taking a {@code Map<String, String>} gets the function's
     * environment through it (an in-process handler cannot have an environment of its own); otherwise its
     * no-argument constructor is used, as Lambda does.
     */
    static HandlerAdapter load(String handler, ClassLoader loader, Map<String, String> environment) throws ReflectiveOperationException {
        String className = handler;
        String methodName = null;
        int sep = handler.indexOf("::");
        if (sep >= 0) {
            className = handler.substring(0, sep);
            methodName = handler.substring(sep + 2);
        }
        Class<?> type = Class.forName(className, true, loader);
        Object instance;
        try {
            instance = type.getConstructor(Map.class).newInstance(environment);
        } catch (NoSuchMethodException e) {
            instance = type.getDeclaredConstructor().newInstance();
        }
        if (methodName == null && instance instanceof RequestStreamHandler) {
            Method m = RequestStreamHandler.class.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
            return new HandlerAdapter(instance, m, Kind.STREAM, null, null);
        }
        String name = methodName == null ? "handleRequest" : methodName;
        if (methodName == null && !(instance instanceof RequestHandler<?, ?>)) {
            throw new NoSuchMethodException(className + " implements neither RequestHandler nor RequestStreamHandler");
        }
        Method chosen = null;
        for (Class<?> c = type; c != null && chosen == null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isBridge() && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() >= 1 && m.getParameterCount() <= 3) {
                    if (chosen == null || m.getParameterCount() > chosen.getParameterCount()) {
                        chosen = m;
                    }
                }
            }
        }
        if (chosen == null) {
            throw new NoSuchMethodException(className + "::" + name);
        }
        chosen.setAccessible(true);
        Class<?>[] params = chosen.getParameterTypes();
        if (params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class) {
            return new HandlerAdapter(instance, chosen, params.length == 3 ? Kind.STREAM : Kind.STREAM_NO_CONTEXT, null, null);
        }
        Kind kind = params.length == 2 && Context.class.isAssignableFrom(params[1]) ? Kind.TYPED : Kind.TYPED_NO_CONTEXT;
        Type inType = chosen.getGenericParameterTypes()[0];
        Type outType = chosen.getGenericReturnType();
        return new HandlerAdapter(instance, chosen, kind, serializerFor(inType, params[0], loader),
                outType == void.class || outType == Void.class ? null : serializerFor(outType, chosen.getReturnType(), loader));
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, Class<?> raw, ClassLoader loader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** Runs the handler; exceptions thrown by the handler propagate unwrapped. */
    byte[] invoke(byte[] payload, Context context) throws Throwable {
        try {
            switch (kind) {
                case STREAM, STREAM_NO_CONTEXT -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (kind == Kind.STREAM) {
                        method.invoke(instance, new ByteArrayInputStream(payload), out, context);
                    } else {
                        method.invoke(instance, new ByteArrayInputStream(payload), out);
                    }
                    return out.toByteArray();
                }
                default -> {
                    Object event;
                    try {
                        event = input.fromJson(new ByteArrayInputStream(payload));
                    } catch (RuntimeException e) {
                        throw new SerializationFailure("An error occurred during JSON parsing", e);
                    }
                    Object result = kind == Kind.TYPED ? method.invoke(instance, event, context) : method.invoke(instance, event);
                    if (output == null) {
                        return "null".getBytes(StandardCharsets.UTF_8);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        output.toJson(result, out);
                    } catch (RuntimeException e) {
                        throw new SerializationFailure("An error occurred during JSON serialization of response", e);
                    }
                    return out.toByteArray();
                }
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
