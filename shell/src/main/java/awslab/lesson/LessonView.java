package awslab.lesson;

import awslab.api.CheckResult;
import awslab.api.ShellContext;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.lesson.CourseProgress.LessonProgress;
import awslab.lesson.CourseProgress.StepDone;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

/**
 * How the lesson engine shows things: the lesson list, a step (its rendered text and the
 * command to type), results, the checklist. Texts come from the lesson files and the
 * {@code lesson} i18n area, in the shell's current language.
 *
 * <pre>
 * new LessonView(course, ctx).step(lesson, lesson.steps().get(0));
 * </pre>
 */
public final class LessonView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);

    public static final int MAX_WIDTH = 100;

    private final Course course;
    private final ShellContext ctx;
    private final boolean colours;

    public LessonView(Course course, ShellContext ctx) {
        this.course = course;
        this.ctx = ctx;
        this.colours = ctx.terminal().isPresent() && MarkdownRenderer.colours();
    }

    public MarkdownRenderer renderer() {
        return new MarkdownRenderer(colours, width());
    }

    /** The terminal's width, at most {@link #MAX_WIDTH} for readable lines; 0 (no wrapping) without a terminal. */
    private int width() {
        return ctx.terminal().map(t -> t.getWidth()).filter(w -> w >= 40).map(w -> Math.min(w - 1, MAX_WIDTH)).orElse(0);
    }

    private Messages messages() {
        return ctx.messages();
    }

    private Language language() {
        return messages().language();
    }

    private PrintWriter out() {
        return ctx.out();
    }

    public String title(Lesson lesson) {
        return lesson.title(language());
    }

    public void list(CourseProgress progress) {
        out().println(messages().get("msg.lesson.list.header"));
        for (Lesson lesson : course.lessons()) {
            LessonProgress lp = progress.lesson(lesson.id());
            long done = lesson.steps().stream().filter(s -> lp.done(s.id())).count();
            String marker = lesson.id().equals(progress.activeLesson().orElse(null)) ? "▶" : " ";
            out().println(messages().get("msg.lesson.list.row", marker, course.number(lesson), title(lesson), done, lesson.steps().size()));
        }
        out().println(messages().get("msg.lesson.list.footer"));
        out().flush();
    }

    public void intro(Lesson lesson, LessonProgress lp) {
        out().println(renderer().render("# " + title(lesson)));
        if (lp.steps().isEmpty()) {
            out().println(renderer().render(lesson.text(language()).intro()));
        } else {
            out().println(messages().get("msg.lesson.resumed", lp.steps().size(), lesson.steps().size()));
        }
        out().println();
        out().flush();
    }

    /** A step: where it is in the lesson, its text, and what to type. */
    public void step(Lesson lesson, Step step) {
        int number = lesson.indexOf(step.id()) + 1;
        out().println(header(lesson, step));
        out().println(renderer().render(stepText(lesson, step)));
        out().println();
        out().println(switch (step.kind()) {
            case COMMAND -> messages().get("msg.lesson.step.type", renderer().code(step.line()));
            case JAVA -> messages().get("msg.lesson.step.java", renderer().code(step.line()));
            case READ -> messages().get(step.checkpoint().isPresent() ? "msg.lesson.step.readCheck" : "msg.lesson.step.read");
        });
        out().flush();
    }

    /** {@code ── Leçon 1 · étape 2/8 · Lire les informations de l’instance ──} */
    public String header(Lesson lesson, Step step) {
        return messages().get("msg.lesson.step.header", course.number(lesson), lesson.indexOf(step.id()) + 1,
                lesson.steps().size(), stepTitle(lesson, step));
    }

    /** What students read for a step: its title in the lesson text (its id only if a text lacks one). */
    public String stepTitle(Lesson lesson, Step step) {
        return lesson.text(language()).stepTitle(step.id()).orElse(step.id());
    }

    public String stepText(Lesson lesson, Step step) {
        return lesson.text(language()).section(step.id()).orElse("");
    }

    public void hint(Lesson lesson, Step step) {
        Optional<String> hint = lesson.text(language()).hint(step.id());
        if (hint.isPresent()) {
            out().println(renderer().render(hint.get()));
        }
        switch (step.kind()) {
            case COMMAND -> out().println(messages().get("msg.lesson.hint.command", renderer().code(step.line())));
            case JAVA -> out().println(messages().get("msg.lesson.hint.java", renderer().code(step.line())));
            case READ -> out().println(messages().get("msg.lesson.hint.read"));
        }
        step.checkpoint().ifPresent(id -> out().println(messages().get("msg.lesson.hint.checkpoint",
                messages().get("msg.checkpoint." + id))));
        out().flush();
    }

    public void result(CheckResult result) {
        String icon = messages().get("msg.lesson.result." + result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        out().println(icon + " " + messages().get(result.messageKey(), result.args().toArray()));
        out().flush();
    }

    public void cannotCheckHelp() {
        out().println(messages().get("msg.lesson.cannotCheck.next"));
        out().flush();
    }

    public void cannotCheckMovedOn() {
        out().println(messages().get("msg.lesson.cannotCheck.movedOn"));
        out().flush();
    }

    public void failedHelp(boolean movingOn) {
        out().println(messages().get(movingOn ? "msg.lesson.failed.skip" : "msg.lesson.failed.retry"));
        out().flush();
    }

    public void outOfOrder(Lesson lesson, Step ran, Optional<Step> current) {
        out().println(messages().get("msg.lesson.outOfOrder", lesson.indexOf(ran.id()) + 1, stepTitle(lesson, ran),
                current.map(s -> lesson.indexOf(s.id()) + 1).orElse(0), current.map(s -> stepTitle(lesson, s)).orElse("—")));
        out().flush();
    }

    public void finished(Lesson lesson, Optional<Lesson> next) {
        lesson.text(language()).outro().ifPresent(outro -> out().println(renderer().render(outro)));
        out().println(messages().get("msg.lesson.finished", title(lesson)));
        next.ifPresent(n -> out().println(messages().get("msg.lesson.finished.next", course.number(n), title(n))));
        out().flush();
    }

    /** A recorded fact in words ({@code instance.id} → instance); an unknown one as it is. */
    private String factName(String key) {
        return messages().has("msg.fact." + key) ? messages().get("msg.fact." + key) : key;
    }

    /** The lesson's steps as a checklist: done (when, how), current, to do. */
    public void checklist(Lesson lesson, LessonProgress lp) {
        out().println(messages().get("msg.lesson.progress.header", course.number(lesson), title(lesson)));
        DateTimeFormatter time = TIME.withLocale(language().locale()).withZone(ZoneId.systemDefault());
        for (Step step : lesson.steps()) {
            StepDone done = lp.steps().get(step.id());
            String mark = done != null ? messages().get("msg.lesson.progress.mark." + done.outcome().toLowerCase(java.util.Locale.ROOT))
                    : step.id().equals(lp.currentStep().orElse(null)) ? "▶" : "☐";
            String when = done != null ? time.format(Instant.parse(done.at())) : "";
            out().println(messages().get("msg.lesson.progress.row", mark, stepTitle(lesson, step), when));
        }
        if (!lp.facts().isEmpty()) {
            out().println(messages().get("msg.lesson.progress.facts", String.join(", ", lp.facts().entrySet().stream()
                    .map(e -> messages().get("msg.lesson.progress.fact", factName(e.getKey()), e.getValue())).toList())));
        }
        out().flush();
    }
}
