package awslab.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The lab's steps in the sandbox, driven by SDK calls as the shell's commands make them, with
 * the wall time of each step and the peak memory (resident set of this JVM plus every child
 * process). Linux only (reads {@code /proc}). Run by {@code bench/sandbox/run.sh}.
 *
 * <pre>
 * java -cp ... awslab.sandbox.SandboxBenchmark [webapp main class] [standard|fast]
 * </pre>
 */
public final class SandboxBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Map<String, Long> STEPS = new LinkedHashMap<>();
    private static final List<Long> INSTANCE_RSS = new ArrayList<>();

    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        String main = args.length > 0 ? args[0] : StubWebApp.class.getName();
        SandboxTimings timings = args.length > 1 && args[1].equals("fast") ? SandboxTimings.fast() : SandboxTimings.standard();
        Path stateDir = Files.createTempDirectory("awslab-bench");
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(treeRss(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long began = System.nanoTime();
        Sandbox sandbox = step("sandbox start", () -> Sandbox.start(new SandboxConfig(stateDir, timings, main, false)));
        try (Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build();
                AutoScalingClient autoScaling = sandbox.configure(AutoScalingClient.builder()).build();
                ElasticLoadBalancingV2Client elb = sandbox.configure(ElasticLoadBalancingV2Client.builder()).build()) {
            partOne(sandbox, ec2);
            partTwo(sandbox, ec2, autoScaling, elb);
        } finally {
            step("sandbox close", () -> {
                sandbox.close();
                return null;
            });
            Sandbox.reset(stateDir);
            Files.deleteIfExists(stateDir);
        }
        sampler.interrupt();
        long total = System.nanoTime() - began;
        System.out.println("| step | wall time (s) |");
        System.out.println("|---|---|");
        STEPS.forEach((name, nanos) -> System.out.printf("| %s | %.1f |%n", name, nanos / 1e9));
        System.out.printf("| **total** | **%.1f** |%n%n", total / 1e9);
        System.out.printf("Peak memory (RSS of the sandbox JVM + all its children): %d MiB%n", peak.get() / 1024 / 1024);
        System.out.printf("Instance web-service JVM RSS when serving: %s MiB%n",
                INSTANCE_RSS.stream().map(r -> String.valueOf(r / 1024 / 1024)).toList());
        System.out.printf("Webapp main: %s; timings: %s%n", main, timings);
    }

    private static void partOne(Sandbox sandbox, Ec2Client ec2) throws Exception {
        String id = step("part 1: launch until /instance answers", () -> {
            String webGroup = SandboxTesting.labGroup(ec2, "launch-wizard-1");
            String launched = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey")
                    .securityGroupIds(webGroup).minCount(1).maxCount(1)).instances().get(0).instanceId();
            Instance running = awaitState(ec2, launched, "running");
            URI web = sandbox.reachability().webService(launched, running.publicIpAddress()).orElseThrow();
            SandboxTesting.await("/instance", WAIT, () -> SandboxTesting.get(web.resolve("/instance")) != null);
            return launched;
        });
        recordInstanceRss(sandbox, id);
        step("part 1: ssh pwd", () -> SandboxInstancesTest.ssh(sandbox,
                sandbox.reachability().ssh(id, describe(ec2, id).publicIpAddress()).orElseThrow(), "pwd"));
        step("part 1: stop until stopped", () -> {
            ec2.stopInstances(b -> b.instanceIds(id));
            return awaitState(ec2, id, "stopped");
        });
        step("part 1: start until running", () -> {
            ec2.startInstances(b -> b.instanceIds(id));
            return awaitState(ec2, id, "running");
        });
        step("part 1: reboot until /health answers again", () -> {
            long before = sandbox.webPid(id);
            ec2.rebootInstances(b -> b.instanceIds(id));
            URI web = sandbox.reachability().webService(id, describe(ec2, id).publicIpAddress()).orElseThrow();
            SandboxTesting.await("reboot", WAIT, () -> sandbox.webPid(id) != before && SandboxTesting.get(web.resolve("/health")) != null);
            return null;
        });
        step("part 1: terminate until terminated", () -> {
            ec2.terminateInstances(b -> b.instanceIds(id));
            return awaitState(ec2, id, "terminated");
        });
    }

    private static void partTwo(Sandbox sandbox, Ec2Client ec2, AutoScalingClient autoScaling, ElasticLoadBalancingV2Client elb)
            throws Exception {
        String group = "ASG-webservice";
        String[] arns = step("part 2: template, target group, ALB, listener, group until 2 healthy", () -> {
            List<String> subnets = ec2.describeSubnets().subnets().stream().map(Subnet::subnetId).limit(2).toList();
            String webGroup = ec2.describeSecurityGroups(b -> b.groupNames("launch-wizard-1")).securityGroups().get(0).groupId();
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName("modele-webservice").launchTemplateData(d -> d
                    .imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey").securityGroupIds(webGroup)))
                    .launchTemplate().launchTemplateId();
            String tg = elb.createTargetGroup(b -> b.name("awslab-targets").protocol("HTTP").port(80).vpcId(CloudState.VPC_ID)
                    .healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
            var lb = elb.createLoadBalancer(b -> b.name("awslab-alb").subnets(subnets).securityGroups(webGroup)).loadBalancers().get(0);
            elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(group).launchTemplate(t -> t.launchTemplateId(template))
                    .minSize(2).maxSize(4).desiredCapacity(2).vpcZoneIdentifier(String.join(",", subnets)).targetGroupARNs(tg));
            autoScaling.putScalingPolicy(b -> b.autoScalingGroupName(group).policyName("cpu50").policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(c -> c.predefinedMetricSpecification(m -> m
                            .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION)).targetValue(50.0)));
            SandboxTesting.await("2 healthy", WAIT, () -> healthy(elb, tg).size() == 2);
            return new String[] {template, tg, lb.loadBalancerArn()};
        });
        String tg = arns[1];
        healthy(elb, tg).forEach(id -> recordInstanceRss(sandbox, id));
        step("part 2: terminate one until replaced and healthy", () -> {
            String victim = healthy(elb, tg).get(0);
            ec2.terminateInstances(b -> b.instanceIds(victim));
            SandboxTesting.await("replacement", WAIT, () -> {
                List<String> now = healthy(elb, tg);
                return now.size() == 2 && !now.contains(victim);
            });
            System.out.println("Replaced " + victim + "; healthy now " + healthy(elb, tg));
            return null;
        });
        step("part 2: burn CPU until the group scales out", () -> {
            ExecutorService burners = Executors.newCachedThreadPool();
            for (String id : healthy(elb, tg)) {
                var address = sandbox.reachability().ssh(id, describe(ec2, id).publicIpAddress()).orElseThrow();
                burners.submit(() -> SandboxInstancesTest.ssh(sandbox, address, "timeout 90 sh -c 'while : ; do : ; done'"));
            }
            SandboxTesting.await("scale out", WAIT, () -> autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(group))
                    .autoScalingGroups().get(0).desiredCapacity() >= 3);
            burners.shutdownNow();
            sandbox.processes().stream().filter(p -> p.info().command().orElse("").endsWith("timeout")).forEach(ProcessHandle::destroy);
            return null;
        });
        step("part 2: clean up (group, ALB, target group, template)", () -> {
            autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName(group).forceDelete(true));
            SandboxTesting.await("group gone", WAIT, () -> autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(group))
                    .autoScalingGroups().isEmpty());
            elb.deleteLoadBalancer(b -> b.loadBalancerArn(arns[2]));
            elb.deleteTargetGroup(b -> b.targetGroupArn(tg));
            ec2.deleteLaunchTemplate(b -> b.launchTemplateId(arns[0]));
            SandboxTesting.await("no process", WAIT, () -> sandbox.processes().isEmpty());
            return null;
        });
    }

    interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T step(String name, Step<T> step) throws Exception {
        long start = System.nanoTime();
        T result = step.run();
        STEPS.put(name, System.nanoTime() - start);
        return result;
    }

    private static void recordInstanceRss(Sandbox sandbox, String id) {
        long pid = sandbox.webPid(id);
        if (pid != 0) {
            INSTANCE_RSS.add(rss(pid));
        }
    }

    private static List<String> healthy(ElasticLoadBalancingV2Client elb, String tg) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).map(d -> d.target().id()).sorted().toList();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static Instance awaitState(Ec2Client ec2, String id, String state) {
        SandboxTesting.await(id + " " + state, WAIT, () -> state.equals(describe(ec2, id).state().nameAsString()));
        return describe(ec2, id);
    }

    /** Resident memory of this JVM and all its descendants, in bytes. */
    static long treeRss() {
        long total = rss(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            total += rss(child.pid());
        }
        return total;
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
        return 0;
    }
}
