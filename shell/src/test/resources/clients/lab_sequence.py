"""The lab's whole sequence (part 1 and part 2, errors included) driven by clients awslab did not
write: boto3 for the API calls and the AWS CLI for the commands the lessons show, against one
endpoint (the sandbox, or Moto). It prints one JSON line per step:

    {"step": "...", "client": "boto3" | "cli", "ok": true | false, "code": "ErrorCode" | null, "facts": {...}}

and a last line {"done": true}. It asserts nothing itself: the JUnit test (ForeignClientsTest)
compares the transcripts of the sandbox and of Moto, and checks the sandbox's against what AWS
answers. Every wait is bounded.

Usage: python3 lab_sequence.py ENDPOINT_URL
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import boto3
import botocore.config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
if shutil.which("aws") is None:
    sys.exit("The AWS CLI is missing: the aws command is not on the PATH.")
REGION = "us-east-1"
CANONICAL = "099720109477"
UBUNTU = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"
SSM_UBUNTU = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"
CONFIG = botocore.config.Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=5, read_timeout=30)
WAIT = {"Delay": 1, "MaxAttempts": 90}
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION,
           AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="", AWS_CONFIG_FILE=os.devnull,
           AWS_SHARED_CREDENTIALS_FILE=os.devnull)


def client(service, region=REGION):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=CONFIG)


ec2, elb, asg, cw, ssm, sts = (client(s) for s in ("ec2", "elbv2", "autoscaling", "cloudwatch", "ssm", "sts"))


def emit(step, client_name, ok, code=None, **facts):
    print(json.dumps({"step": step, "client": client_name, "ok": ok, "code": code, "facts": facts}, sort_keys=True), flush=True)


def call(step, function, facts=lambda result: {}):
    """One boto3 call: its result, recorded as ok with a few facts, or its error code."""
    try:
        result = function()
    except ClientError as e:
        emit(step, "boto3", False, e.response["Error"]["Code"])
        return None
    except Exception as e:  # a waiter giving up, a connection refused: recorded, never fatal
        emit(step, "boto3", False, type(e).__name__)
        return None
    emit(step, "boto3", True, None, **facts(result))
    return result


def cli(step, *args, facts=lambda out: {}):
    """One AWS CLI command, as the lessons show it: ok with facts from its JSON, or the error code it printed."""
    done = subprocess.run(["aws", "--endpoint-url", ENDPOINT, "--output", "json", *args], env=ENV, capture_output=True,
                          text=True, timeout=120)
    if done.returncode == 0:
        out = json.loads(done.stdout) if done.stdout.strip() else None
        emit(step, "cli", True, None, **facts(out))
        return out
    error = done.stderr.strip().splitlines()
    line = next((l for l in error if "An error occurred (" in l), error[-1] if error else "")
    code = line.split("An error occurred (", 1)[1].split(")", 1)[0] if "An error occurred (" in line else "exit" + str(done.returncode)
    emit(step, "cli", False, code, clean=len(error) <= 2 and "Traceback" not in done.stderr)
    return None


def until(what, condition, seconds=90):
    """Polls a condition once a second, at most `seconds`; records whether it came true."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                emit(what, "boto3", True)
                return True
        except ClientError:
            pass
        time.sleep(1)
    emit(what, "boto3", False, "Timeout")
    return False


def checkip():
    """The sandbox's own checkip (the student's address in its fiction); elsewhere nothing."""
    try:
        with urllib.request.urlopen(ENDPOINT + "/checkip", timeout=5) as answer:
            text = answer.read().decode().strip()
            return text if text.count(".") == 3 and all(p.isdigit() for p in text.split(".")) else None
    except Exception:
        return None


def part_one():
    call("sts.get_caller_identity", sts.get_caller_identity, lambda r: {"account": len(r["Account"])})
    call("ssm.get_parameter ubuntu", lambda: ssm.get_parameter(Name=SSM_UBUNTU))
    images = call("ec2.describe_images canonical ubuntu", lambda: ec2.describe_images(
        Owners=[CANONICAL], Filters=[{"Name": "name", "Values": [UBUNTU]}]), lambda r: {"found": len(r["Images"]) > 0})
    image = images["Images"][0]["ImageId"]
    if call("ec2.describe_key_pairs vockey", lambda: ec2.describe_key_pairs(KeyNames=["vockey"])) is None:
        call("ec2.create_key_pair vockey (absent)", lambda: ec2.create_key_pair(KeyName="vockey"))
    vpc = call("ec2.describe_vpcs default", lambda: ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}]),
               lambda r: {"count": len(r["Vpcs"])})["Vpcs"][0]["VpcId"]
    group = call("ec2.create_security_group launch-wizard-1", lambda: ec2.create_security_group(
        GroupName="launch-wizard-1", Description="lab part 1", VpcId=vpc))["GroupId"]
    http = [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    call("ec2.authorize_security_group_ingress http", lambda: ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=http))
    call("ec2.authorize_security_group_ingress http again (duplicate)",
         lambda: ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=http))
    me = checkip()
    emit("checkip", "http", me is not None)
    if me:
        call("ec2.authorize_security_group_ingress ssh from my address", lambda: ec2.authorize_security_group_ingress(
            GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": me + "/32"}]}]))
    call("ec2.authorize_security_group_ingress bad cidr", lambda: ec2.authorize_security_group_ingress(
        GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "1.2.3.4"}]}]))

    launch = dict(ImageId=image, InstanceType="t2.micro", KeyName="vockey", SecurityGroupIds=[group], MinCount=1, MaxCount=1,
                  TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "ma-premiere-instance"}]}])
    call("ec2.run_instances dry run", lambda: ec2.run_instances(DryRun=True, **launch))
    cli("aws ec2 run-instances --dry-run", "ec2", "run-instances", "--image-id", image, "--instance-type", "t2.micro",
        "--key-name", "vockey", "--security-group-ids", group, "--dry-run")
    big = call("ec2.run_instances t3.xlarge (beyond Learner Lab)", lambda: ec2.run_instances(**dict(launch, InstanceType="t3.xlarge")))
    if big:
        ec2.terminate_instances(InstanceIds=[i["InstanceId"] for i in big["Instances"]])
    call("ec2.run_instances unknown type", lambda: ec2.run_instances(**dict(launch, InstanceType="t2.huge")))
    instance = call("ec2.run_instances t2.micro", lambda: ec2.run_instances(**launch),
                    lambda r: {"state": r["Instances"][0]["State"]["Name"]})["Instances"][0]["InstanceId"]
    call("ec2 waiter instance_running", lambda: ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig=WAIT))
    cli("aws ec2 describe-instances --filters Name=tag:Name", "ec2", "describe-instances", "--filters",
        "Name=tag:Name,Values=ma-premiere-instance", "Name=instance-state-name,Values=running",
        facts=lambda out: {"instances": sum(len(r["Instances"]) for r in out["Reservations"])})
    first_ip = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0].get("PublicIpAddress")
    emit("public ip after launch", "boto3", first_ip is not None)
    call("ec2.describe_instance_attribute instanceType", lambda: ec2.describe_instance_attribute(
        InstanceId=instance, Attribute="instanceType"), lambda r: {"type": r["InstanceType"]["Value"]})
    call("ec2.describe_volumes of the instance", lambda: ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance]}]), lambda r: {"volumes": len(r["Volumes"])})
    call("ec2.get_console_output", lambda: ec2.get_console_output(InstanceId=instance), lambda r: {"has_output": bool(r.get("Output"))})
    call("ec2.describe_instances unknown id", lambda: ec2.describe_instances(InstanceIds=["i-0000000000000dead"]))

    cli("aws ec2 stop-instances", "ec2", "stop-instances", "--instance-ids", instance,
        facts=lambda out: {"state": out["StoppingInstances"][0]["CurrentState"]["Name"]})
    cli("aws ec2 wait instance-stopped", "ec2", "wait", "instance-stopped", "--instance-ids", instance)
    stopped_ip = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0].get("PublicIpAddress")
    emit("no public ip while stopped", "boto3", stopped_ip is None)
    cli("aws ec2 start-instances", "ec2", "start-instances", "--instance-ids", instance)
    cli("aws ec2 wait instance-running", "ec2", "wait", "instance-running", "--instance-ids", instance)
    new_ip = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0].get("PublicIpAddress")
    emit("a new public ip after start", "boto3", new_ip is not None and new_ip != first_ip)
    cli("aws ec2 reboot-instances", "ec2", "reboot-instances", "--instance-ids", instance)
    emit("the same public ip after reboot", "boto3",
         ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0].get("PublicIpAddress") == new_ip)
    cli("aws ec2 terminate-instances --dry-run", "ec2", "terminate-instances", "--instance-ids", instance, "--dry-run")
    cli("aws ec2 terminate-instances", "ec2", "terminate-instances", "--instance-ids", instance)
    cli("aws ec2 wait instance-terminated", "ec2", "wait", "instance-terminated", "--instance-ids", instance)
    return image, vpc, group


def part_two(image, vpc, group):
    subnets = [s["SubnetId"] for s in call("ec2.describe_subnets default-for-az", lambda: ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}]), lambda r: {"at_least_two": len(r["Subnets"]) >= 2})["Subnets"]][:2]
    template = call("ec2.create_launch_template modele-webservice", lambda: ec2.create_launch_template(
        LaunchTemplateName="modele-webservice", LaunchTemplateData={"ImageId": image, "InstanceType": "t2.micro",
                                                                   "KeyName": "vockey", "SecurityGroupIds": [group]}))
    template_id = template["LaunchTemplate"]["LaunchTemplateId"]
    alb_group = call("ec2.create_security_group for the load balancer", lambda: ec2.create_security_group(
        GroupName="awslab-alb", Description="HTTP from anywhere", VpcId=vpc))["GroupId"]
    call("ec2.authorize http into the load balancer", lambda: ec2.authorize_security_group_ingress(
        GroupId=alb_group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]))
    call("ec2.authorize http from the load balancer into the instances", lambda: ec2.authorize_security_group_ingress(
        GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "UserIdGroupPairs": [{"GroupId": alb_group}]}]))
    call("elbv2.create_target_group name too long", lambda: elb.create_target_group(
        Name="a-target-group-name-longer-than-32", Protocol="HTTP", Port=80, VpcId=vpc))
    target_group = call("elbv2.create_target_group", lambda: elb.create_target_group(
        Name="awslab-targets", Protocol="HTTP", Port=80, VpcId=vpc, HealthCheckPath="/health", HealthyThresholdCount=2),
        lambda r: {"protocol": r["TargetGroups"][0]["Protocol"]})["TargetGroups"][0]["TargetGroupArn"]
    cli("aws elbv2 create-load-balancer", "elbv2", "create-load-balancer", "--name", "awslab-alb", "--scheme", "internet-facing",
        "--subnets", *subnets, "--security-groups", alb_group, facts=lambda out: {"type": out["LoadBalancers"][0]["Type"]})
    lb = elb.describe_load_balancers(Names=["awslab-alb"])["LoadBalancers"][0]["LoadBalancerArn"]
    call("elbv2.create_listener TCP on an ALB", lambda: elb.create_listener(
        LoadBalancerArn=lb, Protocol="TCP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}]))
    cli("aws elbv2 create-listener", "elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", "80",
        "--default-actions", "Type=forward,TargetGroupArn=" + target_group)
    cli("aws autoscaling create-auto-scaling-group", "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name",
        "ASG-webservice", "--launch-template", "LaunchTemplateId=" + template_id, "--min-size", "2", "--max-size", "4",
        "--desired-capacity", "2", "--vpc-zone-identifier", ",".join(subnets), "--target-group-arns", target_group)
    cli("aws autoscaling put-scaling-policy", "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "ASG-webservice",
        "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling", "--target-tracking-configuration",
        '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50.0}')
    healthy = lambda: [t["Target"]["Id"] for t in elb.describe_target_health(TargetGroupArn=target_group)["TargetHealthDescriptions"]
                       if t["TargetHealth"]["State"] == "healthy"]
    until("two healthy targets", lambda: len(healthy()) == 2)
    cli("aws elbv2 describe-load-balancers --query DNSName", "elbv2", "describe-load-balancers", "--names", "awslab-alb",
        "--query", "LoadBalancers[0].DNSName", facts=lambda out: {"dns": isinstance(out, str)})
    cli("aws elbv2 describe-target-health", "elbv2", "describe-target-health", "--target-group-arn", target_group,
        facts=lambda out: {"targets": len(out["TargetHealthDescriptions"])})
    call("elbv2.describe_load_balancer_attributes", lambda: elb.describe_load_balancer_attributes(LoadBalancerArn=lb),
         lambda r: {"idle_timeout": [a["Value"] for a in r["Attributes"] if a["Key"] == "idle_timeout.timeout_seconds"]})
    call("elbv2.describe_target_group_attributes", lambda: elb.describe_target_group_attributes(TargetGroupArn=target_group),
         lambda r: {"deregistration_delay": [a["Value"] for a in r["Attributes"]
                                             if a["Key"] == "deregistration_delay.timeout_seconds"]})

    members = [i["InstanceId"] for i in asg.describe_auto_scaling_groups(AutoScalingGroupNames=["ASG-webservice"])
               ["AutoScalingGroups"][0]["Instances"]]
    emit("the group has two instances", "boto3", len(members) == 2)
    victim = members[0]
    call("ec2.terminate_instances one of the group", lambda: ec2.terminate_instances(InstanceIds=[victim]))
    until("a replacement serves", lambda: len(healthy()) == 2 and victim not in healthy())
    cli("aws autoscaling describe-scaling-activities", "autoscaling", "describe-scaling-activities", "--auto-scaling-group-name",
        "ASG-webservice", facts=lambda out: {"some": len(out["Activities"]) > 0})
    now = time.time()
    cli("aws cloudwatch get-metric-statistics", "cloudwatch", "get-metric-statistics", "--namespace", "AWS/EC2", "--metric-name",
        "CPUUtilization", "--dimensions", "Name=AutoScalingGroupName,Value=ASG-webservice", "--statistics", "Average",
        "--period", "60", "--start-time", str(int(now - 3600)), "--end-time", str(int(now + 60)),
        facts=lambda out: {"label": out["Label"]})
    call("cloudwatch.get_metric_data", lambda: cw.get_metric_data(StartTime=now - 3600, EndTime=now + 60, MetricDataQueries=[{
        "Id": "cpu", "MetricStat": {"Metric": {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
                                               "Dimensions": [{"Name": "AutoScalingGroupName", "Value": "ASG-webservice"}]},
                                    "Period": 60, "Stat": "Average"}}]), lambda r: {"results": len(r["MetricDataResults"])})
    call("cloudwatch.describe_alarms", cw.describe_alarms)
    call("cloudwatch.list_metrics", lambda: cw.list_metrics(Namespace="AWS/EC2"))

    cli("aws ec2 describe-instance-types --page-size 5 --max-items 12", "ec2", "describe-instance-types", "--page-size", "5",
        "--max-items", "12", facts=lambda out: {"types": len(out["InstanceTypes"])})
    pages = call("ec2 paginator describe_security_groups (5 a page)", lambda: list(
        ec2.get_paginator("describe_security_groups").paginate(PaginationConfig={"PageSize": 5})),
        lambda r: {"groups": sum(len(p["SecurityGroups"]) for p in r)})
    cli("aws s3 ls (a service the lab does not use)", "s3", "ls")
    cli("aws elb describe-load-balancers (classic)", "elb", "describe-load-balancers")
    call("ec2 in eu-west-1", lambda: client("ec2", "eu-west-1").describe_instances())

    cli("aws autoscaling delete-auto-scaling-group --force-delete", "autoscaling", "delete-auto-scaling-group",
        "--auto-scaling-group-name", "ASG-webservice", "--force-delete")
    until("the group is gone", lambda: not asg.describe_auto_scaling_groups(AutoScalingGroupNames=["ASG-webservice"])["AutoScalingGroups"])
    cli("aws elbv2 delete-load-balancer", "elbv2", "delete-load-balancer", "--load-balancer-arn", lb)
    cli("aws elbv2 delete-target-group", "elbv2", "delete-target-group", "--target-group-arn", target_group)
    cli("aws ec2 delete-launch-template", "ec2", "delete-launch-template", "--launch-template-name", "modele-webservice")
    call("ec2.revoke http from the load balancer", lambda: ec2.revoke_security_group_ingress(
        GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "UserIdGroupPairs": [{"GroupId": alb_group}]}]))
    for name, group_id in (("awslab-alb", alb_group), ("launch-wizard-1", group)):
        until("ec2.delete_security_group " + name, lambda: ec2.delete_security_group(GroupId=group_id) is not None, 60)


image, vpc, group = part_one()
part_two(image, vpc, group)
print(json.dumps({"done": True}), flush=True)
