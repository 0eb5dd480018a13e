package awslab.jshell;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What a snippet's guarded calls ({@link Guarded}) do instead, so that {@code System.exit} and
 * {@code Runtime.halt} end the snippet, not the shell: called directly, through a method
 * reference, by reflection ({@code Method.invoke}) or through a method handle. Every other
 * method found by reflection or a lookup works as usual. Public because the rewritten snippet
 * classes (another class loader) call it.
 *
 * <p>Not covered: JDK code that exits on a snippet's behalf through its own reflection (such as
 * {@code java.beans.Statement}); that is not the student's code, and is rare.
 *
 * <pre>
 * ExitTrap.exit(3);   // what System.exit(3) in a snippet runs: throws SnippetExit
 * </pre>
 */
public final class ExitTrap {
    private ExitTrap() {}

    /** Thrown instead of exiting; an Error so that {@code catch (Exception e)} in a snippet does not swallow it. */
    public static final class SnippetExit extends Error {
        private final int status;

        SnippetExit(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What {@code System.exit(status)} in a snippet does instead: stop the snippet only. */
    public static void exit(int status) {
        throw new SnippetExit(status);
    }

    /** What {@code Runtime.getRuntime().exit(status)} and {@code halt(status)} do instead. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new SnippetExit(status);
    }

    /** {@code method.invoke(target, args)}, unless {@code method} is guarded: then its replacement runs. */
    public static Object invoke(Method method, Object target, Object[] args)
            throws IllegalAccessException, InvocationTargetException {
        Guarded guarded = Guarded.of(method);
        if (guarded == null) {
            return method.invoke(target, args);
        }
        Object[] all = args == null ? new Object[0] : args;
        if (!guarded.isStatic) {
            all = new Object[all.length + 1];
            all[0] = target;
            System.arraycopy(args == null ? new Object[0] : args, 0, all, 1, all.length - 1);
        }
        try {
            return replacement(guarded).invokeWithArguments(all);
        } catch (Error | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new InvocationTargetException(e);
        }
    }

    public static MethodHandle findStatic(Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        Guarded guarded = Guarded.of(owner, name, type, true);
        return guarded != null ? replacement(guarded) : lookup.findStatic(owner, name, type);
    }

    public static MethodHandle findVirtual(Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        Guarded guarded = Guarded.of(owner, name, type, false);
        return guarded != null ? replacement(guarded) : lookup.findVirtual(owner, name, type);
    }

    public static MethodHandle findSpecial(Lookup lookup, Class<?> owner, String name, MethodType type, Class<?> caller)
            throws NoSuchMethodException, IllegalAccessException {
        Guarded guarded = Guarded.of(owner, name, type, false);
        return guarded != null ? replacement(guarded) : lookup.findSpecial(owner, name, type, caller);
    }

    public static MethodHandle bind(Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        Guarded guarded = Guarded.of(receiver.getClass(), name, type, false);
        return guarded != null ? replacement(guarded).bindTo(receiver) : lookup.bind(receiver, name, type);
    }

    public static MethodHandle unreflect(Lookup lookup, Method method) throws IllegalAccessException {
        Guarded guarded = Guarded.of(method);
        return guarded != null ? replacement(guarded) : lookup.unreflect(method);
    }

    public static MethodHandle unreflectSpecial(Lookup lookup, Method method, Class<?> caller) throws IllegalAccessException {
        Guarded guarded = Guarded.of(method);
        return guarded != null ? replacement(guarded) : lookup.unreflectSpecial(method, caller);
    }

    /** A handle to this class's replacement of {@code guarded}. */
    private static MethodHandle replacement(Guarded guarded) {
        try {
            return MethodHandles.lookup().findStatic(ExitTrap.class, guarded.replacement, guarded.replacementType());
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("ExitTrap lacks " + guarded.replacement, e);
        }
    }
}
