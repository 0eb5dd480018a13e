package awslab.lesson.demo;

import awslab.api.Interruption;
import awslab.api.ShellContext;
import awslab.api.CheckResult;
import awslab.lesson.Lesson;
import awslab.lesson.LessonEngine;
import awslab.lesson.LessonView;
import awslab.lesson.Step;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a lesson in front of a class: for each step, its narration, the command typed out
 * visibly, then run, its checkpoint shown, then a pause. The student's own progress is left
 * alone (facts live for the demo only), and the lesson engine stops following commands while
 * the demo runs. At the end it offers {@code cleanup}. Commands that would wait for a person
 * are played so that nobody has to be at the keyboard: an interactive {@code ssh} runs one
 * visible command instead, {@code connect} (which waits for a pasted block) is shown, not run.
 * With {@code answerYes} (the {@code --auto} demo) every confirmation is answered yes, visibly.
 * Ctrl-C stops the command that runs and the demo.
 *
 * <pre>
 * new DemoPlayer(ctx, engine, runner, Pause.NONE, Duration.ZERO).play(lesson);
 * </pre>
 */
public final class DemoPlayer {
    /** The command the demo offers at the end; {@code --yes} because the presenter just confirmed. */
    public static final String CLEANUP_LINE = "cleanup --yes";
    /** What an SSH step runs on the instance in a demo, instead of a session someone must end. */
    public static final String SSH_DEMO_COMMAND = "whoami; hostname; uname -sr";

    private final ShellContext ctx;
    private final LessonEngine engine;
    private final CommandRunner runner;
    private final Pause pause;
    private final Duration typingDelay;

    public DemoPlayer(ShellContext ctx, LessonEngine engine, CommandRunner runner, Pause pause, Duration typingDelay) {
        this.ctx = ctx;
        this.engine = engine;
        this.runner = runner;
        this.pause = pause;
        this.typingDelay = typingDelay;
    }

    /**
     * Plays {@code lesson} with confirmations answered yes ({@code answerYes}) and the equivalent
     * CLI/SDK calls shown or not ({@code explain}), whatever the user's own settings, which stay
     * as they were; returns how many steps were shown.
     */
    public int play(Lesson lesson, boolean answerYes, boolean explain) {
        ctx.out().println(ctx.messages().get(explain ? "msg.demo.explain.on" : "msg.demo.explain.off"));
        return ctx.unattended(answerYes, explain, () -> play(lesson));
    }

    /** Plays {@code lesson}; returns how many steps were shown (fewer when the presenter stopped). */
    public int play(Lesson lesson) {
        LessonView view = engine.view();
        PrintWriter out = ctx.out();
        Map<String, String> facts = new HashMap<>();
        engine.listening(false);
        try {
            out.println(view.renderer().render("# " + view.title(lesson)));
            out.println(view.renderer().render(lesson.text(ctx.messages().language()).intro()));
            out.flush();
            int shown = 0;
            for (Step step : lesson.steps()) {
                if (!pause.await()) {
                    out.println(ctx.messages().get("msg.demo.stopped"));
                    out.flush();
                    return shown;
                }
                playStep(lesson, step, facts, view, out);
                shown++;
            }
            lesson.text(ctx.messages().language()).outro().ifPresent(o -> out.println(view.renderer().render(o)));
            out.println(ctx.messages().get("msg.demo.done", view.title(lesson)));
            out.flush();
            if (ctx.confirm("msg.demo.cleanup.confirm")) {
                typeAndRun(CLEANUP_LINE, out);
            }
            return shown;
        } finally {
            engine.listening(true);
        }
    }

    private void playStep(Lesson lesson, Step step, Map<String, String> facts, LessonView view, PrintWriter out) {
        out.println(view.header(lesson, step));
        out.println(view.renderer().render(view.stepText(lesson, step)));
        out.println();
        out.flush();
        if (step.kind() == Step.Kind.COMMAND && isBareConnect(step)) {
            type(step.line(), out);
            out.println(ctx.messages().get("msg.demo.connect.shown"));
        } else if (step.kind() != Step.Kind.READ) {
            int exitCode = typeAndRun(playable(step), out);
            if (exitCode == Interruption.EXIT_CODE) {
                throw new Interruption("msg.demo.stopped");
            }
            if (exitCode != 0) {
                out.println(ctx.messages().get("msg.demo.exitCode", exitCode));
            }
        }
        if (step.checkpoint().isPresent()) {
            CheckResult result = engine.verify(step.checkpoint().get(), facts);
            view.result(result);
        }
    }

    /** {@code connect} alone waits for a pasted block: in a demo it is shown, the target being connected already. */
    private static boolean isBareConnect(Step step) {
        return step.words().equals(List.of("connect"));
    }

    /** The step's line, an interactive {@code ssh} (no {@code --}) given one command to run instead. */
    static String playable(Step step) {
        List<String> words = step.words();
        if (step.kind() == Step.Kind.COMMAND && !words.isEmpty() && words.get(0).equals("ssh") && !words.contains("--")) {
            return step.line() + " -- \"" + SSH_DEMO_COMMAND + "\"";
        }
        return step.line();
    }

    /** Prints the prompt, types {@code line} one character at a time, then runs it. */
    private int typeAndRun(String line, PrintWriter out) {
        type(line, out);
        return runner.run(line);
    }

    private void type(String line, PrintWriter out) {
        out.print(ctx.messages().get("msg.demo.prompt"));
        out.flush();
        for (int i = 0; i < line.length(); i++) {
            out.print(line.charAt(i));
            out.flush();
            sleep();
        }
        out.println();
        out.flush();
    }

    private void sleep() {
        if (!typingDelay.isZero()) {
            Interruption.sleep(typingDelay);
        }
    }
}
