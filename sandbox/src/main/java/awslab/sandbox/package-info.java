/**
 * The sandbox target: the whole lab on a laptop, with no AWS account.
 *
 * <p>{@link awslab.sandbox.Sandbox} serves, on 127.0.0.1, the AWS operations the lab uses, in the
 * wire formats the AWS SDK for Java v2, boto3 and the AWS CLI speak. {@code ApiServer} reads the
 * service and the region from the SigV4 credential scope (signatures are not checked), refuses
 * the regions Learner Lab refuses ({@code CloudRegion}: us-east-1 and us-west-2, each with its
 * own VPC, zones and image) and hands each request over as a {@code Call}:
 * <ul>
 * <li>EC2 (EC2 Query): {@code Ec2Api} (dispatch, dry runs, the instances' lifecycle, tags),
 *     {@code Ec2Instances} (describe, attributes, console, volumes), {@code Ec2SecurityGroups},
 *     {@code Ec2Catalog} (image, key pairs, network, regions, {@code InstanceTypes}),
 *     {@code Ec2Templates};</li>
 * <li>Elastic Load Balancing v2 and Auto Scaling (AWS Query): {@code ElbApi}, {@code ElbTargets},
 *     {@code AutoScalingApi};</li>
 * <li>STS {@code GetCallerIdentity}, SSM {@code GetParameter} (JSON 1.1), and CloudWatch
 *     ({@code CloudWatchApi}) in its three protocols — Smithy RPC v2 CBOR, JSON 1.0, AWS Query —
 *     through {@code Documents}.</li>
 * </ul>
 * Describe calls page as AWS pages them ({@code Paging}). Another service gets an error in its
 * own protocol; an operation the sandbox does not serve, {@code InvalidAction} naming it.
 *
 * <p>Behind the API, {@code Cloud} holds the state ({@code CloudState}, saved as JSON by
 * {@code StateStore}) and runs the instances' real machines ({@code InstanceHost}): a JVM per
 * instance running the lab web service through {@code InstanceMain} (which halts when the
 * sandbox's pipe closes), a metadata service ({@code MetadataServer}, IMDSv2), an SSH server
 * ({@code InstanceSsh}, with the lab's Ubuntu-like shell of {@code InstanceShell} and the texts
 * of {@code SandboxTexts}) and a serial console ({@code Consoles}). Security groups filter the
 * data plane ({@code Firewall}): the student's machine (the fictional {@code Caller} address)
 * reaches an instance's ports 80 and 22, and a load balancer, through {@code GuardedPort} gates
 * that drop what the rules do not let in. {@code LoadBalancing} runs one reverse proxy per load
 * balancer and the health checks; {@code AutoScaling} reconciles groups and runs target tracking
 * on the CPU that {@code CpuMeter} measures. {@code ProcessReaper} ends SSH sessions even when
 * the sandbox is killed. Public IPs and DNS names are fiction;
 * {@link awslab.sandbox.SandboxReachability} maps them to loopback ports. The pace is
 * {@link awslab.sandbox.SandboxTimings}.
 */
package awslab.sandbox;
