package awslab.webapp;

/**
 * One task of the lab's to-do list; its JSON is the original service's:
 * {@code {"id":1,"description":"Préparer le cours","user":"Rémi"}}.
 *
 * <pre>{@code
 * Task task = new Task(5, "Corriger les TP", "Rémi");
 * }</pre>
 */
public record Task(int id, String description, String user) {}
