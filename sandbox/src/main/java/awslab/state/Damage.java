package awslab.state;

import java.nio.file.Path;

/**
 * A state file that could not be read: it was moved aside, never deleted, and the caller goes on
 * with the format's empty value. The shell tells the user which file, where it is kept and what
 * that means ({@code msg.state.damaged} and {@code msg.state.damaged.<what>}).
 *
 * @param what the format's name, e.g. {@code progress}, {@code settings}, {@code sandbox}
 * @param file the file that was damaged
 * @param keptAs where its content now is, e.g. {@code settings.properties.damaged-2026-11-30T15-40-03Z}
 * @param reason what was wrong with it, for developers (the parser's message)
 */
public record Damage(String what, Path file, Path keptAs, String reason) {}
