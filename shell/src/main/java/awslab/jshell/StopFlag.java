package awslab.jshell;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The stop flag of one Java session, as a class loaded beside its snippets (so that two sessions
 * never share one): {@code REPL.$AwslabStop$} with a volatile {@code requested} and a
 * {@code check()} that throws {@link Stopped} once it is set. The rewriter calls {@code check()}
 * where a snippet could otherwise run on after Ctrl-C (see {@link SnippetRewriter}).
 *
 * <pre>
 * control.load(new ClassBytecodes[] {new ClassBytecodes(StopFlag.NAME, StopFlag.bytes())});
 * </pre>
 */
final class StopFlag {
    /** The class's binary name, as JShell's loader knows it. */
    static final String NAME = "REPL.$AwslabStop$";
    /** Its internal name, as bytecode names it. */
    static final String CLASS = NAME.replace('.', '/');
    static final String FIELD = "requested";
    static final String CHECK = "check";

    private StopFlag() {}

    /** What a snippet throws when it is stopped; an Error, so that {@code catch (Exception e)} lets it pass. */
    public static final class Stopped extends Error {
        public Stopped() {
            super(null, null, false, false);
        }
    }

    /** The class file, for the oldest release the shell runs on (Java 17). */
    static byte[] bytes() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, CLASS, null, "java/lang/Object", null);
        writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, FIELD, "Z", null, null).visitEnd();
        MethodVisitor check = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, CHECK, "()V", null, null);
        check.visitCode();
        Label carryOn = new Label();
        check.visitFieldInsn(Opcodes.GETSTATIC, CLASS, FIELD, "Z");
        check.visitJumpInsn(Opcodes.IFEQ, carryOn);
        String stopped = Stopped.class.getName().replace('.', '/');
        check.visitTypeInsn(Opcodes.NEW, stopped);
        check.visitInsn(Opcodes.DUP);
        check.visitMethodInsn(Opcodes.INVOKESPECIAL, stopped, "<init>", "()V", false);
        check.visitInsn(Opcodes.ATHROW);
        check.visitLabel(carryOn);
        check.visitInsn(Opcodes.RETURN);
        check.visitMaxs(0, 0);
        check.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
