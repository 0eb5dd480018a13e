import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.MethodRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Build-time step (run by shell/pom.xml after the shade, with Java's single-file source launcher
 * and ASM) that keeps in the shell's jar the part of the AWS SDK's service modules it carries:
 * the EC2 API alone is 26 MB, most of it operations no lab touches (IPAM, transit gateways,
 * Verified Access…). For each service named in the API list ({@code sdk-api.txt}) it keeps the
 * operations listed (or all, {@code *}) and those its waiters call, removes the other operations'
 * methods from the sync client interface and its implementation, drops the classes nothing kept
 * reaches any more, and drops every async client (the shell builds sync clients only). It fails
 * the build when the shell's own code names an operation that is not kept, or when a kept class
 * would reference a dropped one.
 *
 * <pre>
 * java -cp asm.jar:asm-tree.jar:asm-commons.jar SdkTrim.java sdk-api.txt JAR
 * SDKTRIM_VERBOSE=1 …                            # what it kept, per service
 * SDKTRIM_WHY=software/amazon/awssdk/services/ec2/model/Ipam …   # why a class is kept
 * </pre>
 */
public final class SdkTrim {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final String OWN = "awslab/";
    /** What the jar lacks, per service ({@code ec2: Op Op …}): the shell names it when a snippet calls one (awslab.jshell.TrimmedSdk). */
    static final String TRIMMED_LIST = "awslab/jshell/sdk-trimmed.txt";
    private static final Pattern OP_CLASS = Pattern.compile("(model/(\\w+)(Request|Response)|transform/(\\w+)RequestMarshaller"
            + "|paginators/(\\w+)(Iterable|Publisher))(\\$.*)?");

    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, List<String>> nested = new HashMap<>();
    private final Map<String, Set<String>> refs = new HashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SdkTrim API_LIST JAR");
        }
        Map<String, Set<String>> api = readApi(Path.of(args[0]));
        Path jar = Path.of(args[1]);
        long before = Files.size(jar);
        new SdkTrim().trim(jar, api);
        report("SdkTrim: %s, %,d → %,d bytes%n", jar.getFileName(), before, Files.size(jar));
    }

    /** What it did, when asked ({@code SDKTRIM_VERBOSE=1}): ./awslab's builds stay quiet. */
    private static void report(String format, Object... args) {
        if (System.getenv("SDKTRIM_VERBOSE") != null) {
            System.out.printf(format, args);
        }
    }

    /** {@code service: Op Op …} lines, {@code *} for every operation; {@code #} starts a comment. */
    static Map<String, Set<String>> readApi(Path file) throws IOException {
        Map<String, Set<String>> api = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(":", 2);
            api.computeIfAbsent(parts[0].strip(), k -> new TreeSet<>()).addAll(List.of(parts[1].strip().split("\\s+")));
        }
        return api;
    }

    void trim(Path jar, Map<String, Set<String>> api) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        classes.put(entry.getName().substring(0, entry.getName().length() - 6), in.readAllBytes());
                    }
                }
            }
        }
        for (String c : classes.keySet()) {
            if (c.contains("$")) {
                nested.computeIfAbsent(c.substring(0, c.indexOf('$')), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, byte[]> rewritten = new HashMap<>();
        Set<String> dropped = new HashSet<>();
        StringBuilder trimmedList = new StringBuilder("# The SDK operations this jar does not carry (shell/src/build/sdk-api.txt keeps the others)\n");
        for (Map.Entry<String, Set<String>> service : api.entrySet()) {
            Set<String> removed = trimService(service.getKey(), service.getValue(), rewritten, dropped);
            if (!removed.isEmpty()) {
                trimmedList.append(service.getKey()).append(": ").append(String.join(" ", removed)).append('\n');
            }
        }
        for (String c : classes.keySet()) {
            if (c.startsWith(OWN)) {
                for (String r : refs(c)) {
                    if (dropped.contains(r)) {
                        throw new IllegalStateException(c + " references " + r + ", which would be dropped");
                    }
                }
            }
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
                    for (String line : new String(zip.getInputStream(entry).readAllBytes()).split("\n")) {
                        String provider = line.replaceFirst("#.*", "").strip().replace('.', '/');
                        if (dropped.contains(provider)) {
                            throw new IllegalStateException(entry.getName() + " names " + provider + ", which would be dropped");
                        }
                    }
                }
            }
        }
        Path out = jar.resolveSibling(jar.getFileName() + ".trim");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(out);
                ZipOutputStream zipOut = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName().endsWith(".class") ? entry.getName().substring(0, entry.getName().length() - 6) : null;
                if (name != null && dropped.contains(name)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zipOut.putNextEntry(copy);
                if (name != null && rewritten.containsKey(name)) {
                    zipOut.write(rewritten.get(name));
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(zipOut);
                    }
                }
                zipOut.closeEntry();
            }
            ZipEntry list = new ZipEntry(TRIMMED_LIST);
            ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
            if (manifest != null) {
                list.setTime(manifest.getTime()); // the build's fixed time: the jar stays reproducible
            }
            zipOut.putNextEntry(list);
            zipOut.write(trimmedList.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zipOut.closeEntry();
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Trims one service: its kept operations, the methods of the others, what nothing kept reaches; returns the operations removed. */
    private Set<String> trimService(String service, Set<String> wanted, Map<String, byte[]> rewritten, Set<String> dropped) {
        String prefix = SERVICES + service + "/";
        Set<String> mine = new TreeSet<>();
        classes.keySet().stream().filter(c -> c.startsWith(prefix)).forEach(mine::add);
        if (mine.isEmpty()) {
            throw new IllegalStateException("no SDK service '" + service + "' in the jar (sdk-api.txt names it)");
        }
        Set<String> operations = new TreeSet<>();
        for (String c : mine) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "model/(\\w+)Request").matcher(c);
            if (m.matches() && mine.contains(prefix + "transform/" + m.group(1) + "RequestMarshaller")) {
                operations.add(m.group(1));
            }
        }
        Set<String> async = new HashSet<>();
        for (String c : mine) {
            String rel = c.substring(prefix.length());
            if (rel.matches("(waiters/)?\\w*Async\\w*(\\$.*)?") || rel.matches("paginators/\\w+Publisher(\\$.*)?")) {
                async.add(c);
            }
        }
        Set<String> kept = keptOperations(service, prefix, wanted, operations, mine, async);
        Set<String> removedOps = new TreeSet<>(operations);
        removedOps.removeAll(kept);

        // Roots: the service's classes but the operations' (model, transform, paginators) and the
        // async ones, plus the kept operations'; the clients lose the removed operations' methods.
        List<String> roots = new ArrayList<>();
        for (String c : mine) {
            boolean operationClass = c.startsWith(prefix + "model/") || c.startsWith(prefix + "transform/")
                    || c.startsWith(prefix + "paginators/");
            if (!async.contains(c) && (!operationClass || opOf(prefix, c).filter(kept::contains).isPresent())) {
                roots.add(c);
            }
        }
        for (String c : roots) {
            byte[] trimmed = withoutMethodsNaming(c, prefix, removedOps, async);
            if (trimmed != null) {
                rewritten.put(c, trimmed);
                refs.remove(c);
                classes.put(c, trimmed);
            }
        }
        Set<String> reached = reach(prefix, roots, async);
        for (String c : mine) {
            if (!reached.contains(c)) {
                dropped.add(c);
            }
        }
        for (String c : reached) {
            for (String r : refs(c)) {
                if (dropped.contains(r)) {
                    throw new IllegalStateException(c + " references " + r + ", which would be dropped");
                }
            }
        }
        report("SdkTrim: %s keeps %d of %d operations, %d of %d classes%n",
                service, kept.size(), operations.size(), reached.size(), mine.size());
        return removedOps;
    }

    /**
     * The operations listed ({@code *}: all), checked to exist, plus those the sync waiters call
     * (a waiter class builds every waiter when it is built); fails when the shell's own code names
     * one that would not be kept (no library names a service's classes).
     */
    private Set<String> keptOperations(String service, String prefix, Set<String> wanted, Set<String> operations,
            Set<String> mine, Set<String> async) {
        Set<String> kept = wanted.contains("*") ? new TreeSet<>(operations) : new TreeSet<>(wanted);
        for (String op : kept) {
            if (!operations.contains(op)) {
                throw new IllegalStateException("sdk-api.txt: " + service + " has no operation " + op);
            }
        }
        for (String c : mine) {
            if (c.contains("/waiters/") && !async.contains(c)) {
                refs(c).forEach(r -> opOf(prefix, r).filter(operations::contains).ifPresent(kept::add));
            }
        }
        for (String c : classes.keySet()) {
            if (c.startsWith(OWN)) {
                for (String r : refs(c)) {
                    opOf(prefix, r).filter(op -> !kept.contains(op) && operations.contains(op)).ifPresent(op -> {
                        throw new IllegalStateException(c + " uses " + service + " operation " + op
                                + ", which the jar would not carry: add it to shell/src/build/sdk-api.txt");
                    });
                }
            }
        }
        return kept;
    }

    /** The service's classes the roots reach, a nested class with its outer class (builders, enums' switch maps). */
    private Set<String> reach(String prefix, List<String> roots, Set<String> async) {
        Set<String> reached = new HashSet<>();
        Map<String, String> from = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String c = queue.poll();
            if (!reached.add(c)) {
                continue;
            }
            List<String> next = new ArrayList<>(refs(c));
            next.addAll(nested.getOrDefault(c.contains("$") ? c.substring(0, c.indexOf('$')) : c, List.of()));
            for (String r : next) {
                if (r.startsWith(prefix) && classes.containsKey(r) && !reached.contains(r)) {
                    if (async.contains(r)) {
                        throw new IllegalStateException(c + " references the async class " + r);
                    }
                    from.putIfAbsent(r, c);
                    queue.add(r);
                }
            }
        }
        String why = System.getenv("SDKTRIM_WHY");
        if (why != null && reached.contains(why)) {
            for (String c = why; c != null; c = from.get(c)) {
                System.out.println("  reached from " + c);
            }
        }
        return reached;
    }

    /** The operation a class of the service belongs to (its request, response, marshaller, paginator), if any. */
    private static java.util.Optional<String> opOf(String prefix, String c) {
        if (!c.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        Matcher m = OP_CLASS.matcher(c.substring(prefix.length()));
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(5));
    }

    /** {@code c} without the methods that name a removed operation's or an async class, or null when it has none. */
    private byte[] withoutMethodsNaming(String c, String prefix, Set<String> removedOps, Set<String> async) {
        ClassNode node = new ClassNode();
        new ClassReader(classes.get(c)).accept(node, 0);
        Set<String> gone = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (MethodNode method : node.methods) {
                String key = method.name + method.desc;
                if (!gone.contains(key) && names(method, c, gone, m -> opOf(prefix, m).filter(removedOps::contains).isPresent() || async.contains(m))) {
                    gone.add(key);
                    changed = true;
                }
            }
        }
        if (gone.isEmpty()) {
            return null;
        }
        node.methods.removeIf(m -> gone.contains(m.name + m.desc));
        // The InnerClasses attribute lists every nested class a body named (ModifyIpamResponse$Builder…).
        node.innerClasses.removeIf(ic -> opOf(prefix, ic.name).filter(removedOps::contains).isPresent() || async.contains(ic.name));
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return writer.toByteArray();
    }

    /** Whether {@code method} names a class {@code unwanted} matches, or calls a method of its own class already gone. */
    private static boolean names(MethodNode method, String owner, Set<String> gone, java.util.function.Predicate<String> unwanted) {
        Set<String> types = new HashSet<>();
        Set<String> ownCalls = new HashSet<>();
        Remapper collector = collector(types);
        collector.mapMethodDesc(method.desc);
        method.accept(new MethodRemapper(new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String o, String name, String descriptor, boolean isInterface) {
                if (o.equals(owner)) {
                    ownCalls.add(name + descriptor);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                for (Object arg : args) {
                    if (arg instanceof Handle h && h.getOwner().equals(owner)) {
                        ownCalls.add(h.getName() + h.getDesc());
                    }
                }
            }
        }, collector));
        return types.stream().anyMatch(unwanted) || ownCalls.stream().anyMatch(gone::contains);
    }

    /** A remapper that changes nothing and notes every class name it is shown. */
    private static Remapper collector(Set<String> found) {
        return new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                found.add(internalName);
                return internalName;
            }
        };
    }

    /** Every class {@code c} names: in its signatures, fields, method bodies and constants. */
    private Set<String> refs(String c) {
        return refs.computeIfAbsent(c, name -> {
            Set<String> found = new HashSet<>();
            // A visitor that goes into method bodies: ClassRemapper only remaps what its delegate visits.
            ClassVisitor everything = new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String n, String d, String sig, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {};
                }
            };
            new ClassReader(classes.get(name)).accept(new ClassRemapper(everything, collector(found)), 0);
            return found;
        });
    }
}
