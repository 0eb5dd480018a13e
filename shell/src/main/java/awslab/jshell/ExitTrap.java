package awslab.jshell;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps a snippet's {@code System.exit} from ending the shell. Snippets run in the shell's own
 * JVM (so that they share its SDK clients), where {@code System.exit} would end everything.
 *
 * <p>Why bytecode: the SecurityManager is deprecated for removal (and refused by default from
 * Java 18), and rewriting the source text misses {@code System::exit}, {@code
 * Runtime.getRuntime().halt(0)} and formatting variants. Instead, each snippet class is
 * rewritten as JShell loads it: calls to (and method handles of) {@code System.exit}, {@code
 * Runtime.exit} and {@code Runtime.halt} go to {@link #exit(int)}, which throws {@link
 * SnippetExit}. Library code that exits on a snippet's behalf is not covered: it is not the
 * student's code and is rare.
 *
 * <pre>
 * byte[] safe = ExitTrap.rewrite(classBytes);
 * </pre>
 */
public final class ExitTrap {
    private static final String SELF = "awslab/jshell/ExitTrap";

    private ExitTrap() {}

    /** What {@code System.exit(status)} in a snippet does instead: stop the snippet only. */
    public static void exit(int status) {
        throw new SnippetExit(status);
    }

    /** What {@code Runtime.getRuntime().exit(status)} and {@code halt(status)} do instead. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new SnippetExit(status);
    }

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

    /** The class with its exit calls redirected; other bytes unchanged. */
    public static byte[] rewrite(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new Redirect(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static boolean isSystemExit(String owner, String name, String descriptor) {
        return owner.equals("java/lang/System") && name.equals("exit") && descriptor.equals("(I)V");
    }

    private static boolean isRuntimeExit(String owner, String name, String descriptor) {
        return owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")) && descriptor.equals("(I)V");
    }

    private static Object redirect(Object constant) {
        if (constant instanceof Handle handle) {
            if (isSystemExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
                return new Handle(Opcodes.H_INVOKESTATIC, SELF, "exit", "(I)V", false);
            }
            if (isRuntimeExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
                return new Handle(Opcodes.H_INVOKESTATIC, SELF, "runtimeExit", "(Ljava/lang/Runtime;I)V", false);
            }
        }
        return constant;
    }

    private static final class Redirect extends MethodVisitor {
        Redirect(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && isSystemExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isRuntimeExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "runtimeExit", "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(redirect(value));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] redirected = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                redirected[i] = redirect(arguments[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
        }
    }
}
