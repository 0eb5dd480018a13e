package awslab.jshell;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The methods a snippet may not call directly: those that end the JVM, and those that reach any
 * method by reflection or method handles (so that they could reach the first ones). Each has a
 * replacement in {@link ExitTrap} with the same parameters, the receiver first for an instance
 * method. The rewriter redirects calls and method references by this table; {@link ExitTrap}
 * uses it again at run time, for what a snippet finds by reflection.
 */
enum Guarded {
    SYSTEM_EXIT("java/lang/System", "exit", "(I)V", true, "exit"),
    RUNTIME_EXIT("java/lang/Runtime", "exit", "(I)V", false, "runtimeExit"),
    RUNTIME_HALT("java/lang/Runtime", "halt", "(I)V", false, "runtimeExit"),
    METHOD_INVOKE("java/lang/reflect/Method", "invoke", "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false, "invoke"),
    FIND_STATIC(Lookups.OWNER, "findStatic", Lookups.FIND, false, "findStatic"),
    FIND_VIRTUAL(Lookups.OWNER, "findVirtual", Lookups.FIND, false, "findVirtual"),
    FIND_SPECIAL(Lookups.OWNER, "findSpecial",
            "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;)Ljava/lang/invoke/MethodHandle;",
            false, "findSpecial"),
    BIND(Lookups.OWNER, "bind",
            "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", false, "bind"),
    UNREFLECT(Lookups.OWNER, "unreflect", "(Ljava/lang/reflect/Method;)Ljava/lang/invoke/MethodHandle;", false, "unreflect"),
    UNREFLECT_SPECIAL(Lookups.OWNER, "unreflectSpecial",
            "(Ljava/lang/reflect/Method;Ljava/lang/Class;)Ljava/lang/invoke/MethodHandle;", false, "unreflectSpecial");

    private static final class Lookups {
        static final String OWNER = "java/lang/invoke/MethodHandles$Lookup";
        static final String FIND = "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;";
    }

    final String owner;
    final String name;
    final String descriptor;
    final boolean isStatic;
    final String replacement;

    Guarded(String owner, String name, String descriptor, boolean isStatic, String replacement) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.isStatic = isStatic;
        this.replacement = replacement;
    }

    /** The replacement's descriptor: the same, with the receiver first for an instance method. */
    String replacementDescriptor() {
        return isStatic ? descriptor : "(L" + owner + ";" + descriptor.substring(1);
    }

    /** The replacement's type, as a method handle sees it. */
    MethodType replacementType() {
        return MethodType.fromMethodDescriptorString(replacementDescriptor(), Guarded.class.getClassLoader());
    }

    /** The guarded method with this owner (internal name), name and descriptor, or null. */
    static Guarded of(String owner, String name, String descriptor) {
        for (Guarded guarded : values()) {
            if (guarded.owner.equals(owner) && guarded.name.equals(name) && guarded.descriptor.equals(descriptor)) {
                return guarded;
            }
        }
        return null;
    }

    /** The guarded method {@code method} is (reached by reflection), or null. */
    static Guarded of(Method method) {
        return of(method.getDeclaringClass(), method.getName(), MethodType.methodType(method.getReturnType(),
                method.getParameterTypes()), Modifier.isStatic(method.getModifiers()));
    }

    /**
     * The guarded method a lookup in {@code owner} (or a subclass: {@code Runtime} cannot have
     * any) would find, or null.
     */
    static Guarded of(Class<?> owner, String name, MethodType type, boolean isStatic) {
        String descriptor = type.toMethodDescriptorString();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            Guarded guarded = of(c.getName().replace('.', '/'), name, descriptor);
            if (guarded != null && guarded.isStatic == isStatic) {
                return guarded;
            }
        }
        return null;
    }
}
