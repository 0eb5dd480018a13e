package awslab.jshell;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites each snippet class as JShell loads it, so that the user's Java cannot end or freeze
 * the shell it runs in:
 * <ul>
 * <li>calls and method references to what can end the JVM, or reach it by reflection or method
 *     handles ({@link Guarded}: {@code System.exit}, {@code Runtime.halt}, {@code Method.invoke},
 *     {@code Lookup.findStatic}…), go to {@link ExitTrap}, which refuses the exits;</li>
 * <li>every exception handler and every backward jump first asks the session's stop flag
 *     ({@link StopFlag}): a loop that swallows interrupts, or catches the JVM's own stop
 *     ({@code catch (Throwable t)}), still ends on Ctrl-C.</li>
 * </ul>
 *
 * <p>Why bytecode: the SecurityManager is gone (refused from Java 18, removed in 24), and the
 * source text misses {@code System::exit} and every formatting variant.
 *
 * <pre>
 * byte[] safe = SnippetRewriter.rewrite(classBytes, StopFlag.CLASS);
 * </pre>
 */
final class SnippetRewriter {
    private static final String TRAP = "awslab/jshell/ExitTrap";

    private SnippetRewriter() {}

    /**
     * The newest Java release whose class files the rewriter reads (ASM's {@code Opcodes.V*}).
     * Snippets of a newer JDK are compiled for this release instead ({@code --release}), so that
     * they can still be rewritten.
     */
    static int newestRelease() {
        int newest = 17;
        for (var field : Opcodes.class.getFields()) {
            String name = field.getName();
            if (name.matches("V\\d+")) {
                newest = Math.max(newest, Integer.parseInt(name.substring(1)));
            }
        }
        return newest;
    }

    /**
     * The class with its guarded calls redirected and its stop checks, calling {@code stopClass}'s
     * static {@code check()}; throws IllegalArgumentException for a class file it cannot read
     * (a newer format than it knows).
     */
    static byte[] rewrite(byte[] classBytes, String stopClass) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new Rewrite(super.visitMethod(access, name, descriptor, signature, exceptions), stopClass);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static Object redirect(Object constant) {
        if (constant instanceof Handle handle) {
            Guarded guarded = Guarded.of(handle.getOwner(), handle.getName(), handle.getDesc());
            if (guarded != null) {
                return new Handle(Opcodes.H_INVOKESTATIC, TRAP, guarded.replacement, guarded.replacementDescriptor(), false);
            }
        }
        return constant;
    }

    /**
     * One method's code: guarded calls redirected, and a stop check at the start of each
     * exception handler (after its label and frame, before its first instruction) and before each
     * jump back to code already seen (a loop).
     */
    private static final class Rewrite extends MethodVisitor {
        private final String stopClass;
        private final Set<Label> handlers = new HashSet<>();
        private final Set<Label> seen = new HashSet<>();
        private boolean checkBeforeNextInstruction;

        Rewrite(MethodVisitor next, String stopClass) {
            super(Opcodes.ASM9, next);
            this.stopClass = stopClass;
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, stopClass, StopFlag.CHECK, "()V", false);
        }

        /** Called before every instruction: the pending handler-entry check goes first. */
        private void instruction() {
            if (checkBeforeNextInstruction) {
                checkBeforeNextInstruction = false;
                stopCheck();
            }
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            handlers.add(handler);
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            seen.add(label);
            if (handlers.contains(label)) {
                checkBeforeNextInstruction = true;
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            instruction();
            if (seen.contains(label)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            instruction();
            Guarded guarded = opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEVIRTUAL
                    ? Guarded.of(owner, name, descriptor) : null;
            if (guarded != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, guarded.replacement, guarded.replacementDescriptor(), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            instruction();
            super.visitLdcInsn(redirect(value));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            instruction();
            Object[] redirected = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                redirected[i] = redirect(arguments[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
        }

        @Override
        public void visitInsn(int opcode) {
            instruction();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            instruction();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            instruction();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            instruction();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            instruction();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            instruction();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            instruction();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            instruction();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            instruction();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
