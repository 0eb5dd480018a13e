package awslab.webapp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tasks of one web service, in memory as in the original (each instance has its own list).
 * Reads take no lock; writes take one, so concurrent writes never lose a task or reuse an id.
 * It is bounded in count and in size (the bytes of its tasks' JSON, what {@code GET /task}
 * sends): a write past either bound is refused with 409, so no client can fill the heap.
 *
 * <pre>{@code
 * TaskStore store = TaskStore.seeded(10_000, 1 << 20);
 * Task created = store.create("Corriger les TP", "Rémi");   // id 5
 * }</pre>
 */
public final class TaskStore {
    private final ConcurrentSkipListMap<Integer, Task> tasks = new ConcurrentSkipListMap<>();
    private final Object writeLock = new Object();
    private final int maxTasks;
    private final long maxBytes;
    private int count; // the map's size() counts its nodes one by one
    private long bytes; // the JSON of every task, summed
    private long nextId = 1; // long: a PUT may take id Integer.MAX_VALUE
    private volatile long version; // changes with every write, so readers can cache what they derive

    private TaskStore(int maxTasks, long maxBytes) {
        this.maxTasks = maxTasks;
        this.maxBytes = maxBytes;
    }

    /** The four tasks every lab instance starts with, in the original's order, within these bounds. */
    public static TaskStore seeded(int maxTasks, long maxBytes) {
        TaskStore store = new TaskStore(maxTasks, maxBytes);
        store.create("Préparer le cours", "Rémi");
        store.create("Ajouter des gif", "Rémi");
        store.create("Donner le cours", "Rémi");
        store.create("???", "Rémi");
        return store;
    }

    /** A number that changes whenever a task is created, replaced or deleted. */
    public long version() {
        return version;
    }

    /** Every task, by increasing id. */
    public List<Task> all() {
        return List.copyOf(tasks.values());
    }

    /** The tasks of {@code user} (exact match), by increasing id. */
    public List<Task> byUser(String user) {
        return tasks.values().stream().filter(task -> task.user().equals(user)).toList();
    }

    public Optional<Task> find(int id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Adds a task under the next id, stepping over those that PUTs took. */
    public Task create(String description, String user) {
        synchronized (writeLock) {
            while (tasks.containsKey((int) nextId)) { // as many turns as tasks, at most
                nextId++;
            }
            if (nextId > Integer.MAX_VALUE) {
                throw new ApiException(409, "no task id left: every id up to " + Integer.MAX_VALUE
                        + " has been given; choose ids with PUT");
            }
            Task task = new Task((int) nextId, description, user);
            makeRoom(task, null);
            tasks.put(task.id(), task);
            nextId++;
            version++;
            return task;
        }
    }

    /** Replaces task {@code id}, or creates it with that id; says which it did. */
    public Upsert put(int id, String description, String user) {
        synchronized (writeLock) {
            Task task = new Task(id, description, user);
            makeRoom(task, tasks.get(id));
            boolean created = tasks.put(id, task) == null;
            version++;
            // Later POSTs step over this id rather than jump past it: a PUT of id 2147483647
            // must not leave every POST without an id.
            return new Upsert(task, created);
        }
    }

    /** Removes task {@code id}; empty when there was none. */
    public Optional<Task> delete(int id) {
        synchronized (writeLock) {
            Optional<Task> removed = Optional.ofNullable(tasks.remove(id));
            if (removed.isPresent()) {
                bytes -= size(removed.get());
                count--;
            }
            version++;
            return removed;
        }
    }

    /** Accounts for {@code task} replacing {@code old} (null when new), or refuses it with 409. */
    private void makeRoom(Task task, Task old) {
        long after = bytes + size(task) - (old == null ? 0 : size(old));
        if (old == null && count >= maxTasks || after > maxBytes) {
            throw new ApiException(409, "the task list is full (" + maxTasks + " tasks, " + maxBytes
                    + " bytes of JSON at most); delete tasks to make room");
        }
        bytes = after;
        count += old == null ? 1 : 0;
    }

    private static long size(Task task) {
        return Json.GSON.toJson(task).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The result of {@link #put}: the stored task and whether it is new. */
    public record Upsert(Task task, boolean created) {}
}
