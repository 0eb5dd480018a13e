/**
 * The sandbox target: the whole lab on a laptop, with no AWS account.
 *
 * <p>{@link awslab.sandbox.Sandbox} serves, on 127.0.0.1, the AWS operations the shell uses, in
 * the wire formats the AWS SDK for Java v2 expects (it reads the service from the SigV4
 * credential scope and never checks signatures):
 * <ul>
 * <li>EC2 (EC2 Query): {@code ApiServer} → {@code Ec2Api} (instances, tags), {@code Ec2Catalog}
 *     (image, key pairs, VPC/subnets/zones, security groups, instance types), {@code Ec2Templates};</li>
 * <li>Elastic Load Balancing v2 and Auto Scaling (AWS Query): {@code ElbApi}, {@code AutoScalingApi};</li>
 * <li>STS {@code GetCallerIdentity}, SSM {@code GetParameter} (JSON 1.1), CloudWatch
 *     {@code GetMetricData}/{@code GetMetricStatistics} (RPC v2 CBOR): {@code ApiServer}, {@code SsmApi},
 *     {@code CloudWatchApi}.</li>
 * </ul>
 * Anything else answers the AWS-style error {@code InvalidAction} naming the operation.
 *
 * <p>Behind the API, {@code Cloud} holds the state ({@code CloudState}, saved as JSON by
 * {@code StateStore}) and runs the instances' real machines ({@code InstanceHost}): a JVM per
 * instance running the lab web service through {@code InstanceMain} (which halts when the
 * sandbox's pipe closes), a metadata service ({@code MetadataServer}, IMDSv2) and an SSH server
 * ({@code InstanceSsh}, a real {@code /bin/sh} in the instance's home, a pseudo-terminal for
 * interactive sessions). {@code LoadBalancing} runs one reverse proxy per load balancer and the
 * health checks; {@code AutoScaling} reconciles groups and runs target tracking on the CPU that
 * {@code CpuMeter} measures. {@code ProcessReaper} ends SSH sessions even when the sandbox is
 * killed. Public IPs and DNS names are fiction; {@link awslab.sandbox.SandboxReachability} maps
 * them to loopback ports. The pace is {@link awslab.sandbox.SandboxTimings}.
 */
package awslab.sandbox;
