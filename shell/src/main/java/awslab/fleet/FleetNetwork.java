package awslab.fleet;

import awslab.api.UserException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Where the fleet lives: the default VPC and one default subnet in each of the first
 * {@value #ZONES} availability zones (in name order), as the lab picks "at least two subnets".
 *
 * <pre>
 * FleetNetwork network = FleetNetwork.lookUp(ec2);
 * network.subnetIds(); // [subnet-…(us-east-1a), subnet-…(us-east-1b)]
 * </pre>
 */
public record FleetNetwork(String vpcId, Map<String, String> subnetByZone) {
    /** Two zones: a zone may fail and the load balancer still answers; more would only spread the cost. */
    public static final int ZONES = 2;

    public FleetNetwork {
        subnetByZone = Map.copyOf(subnetByZone);
    }

    public static FleetNetwork lookUp(Ec2Client ec2) {
        List<Vpc> vpcs = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs();
        if (vpcs.isEmpty()) {
            throw new UserException("err.fleet.noDefaultVpc");
        }
        String vpcId = vpcs.get(0).vpcId();
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpcId), filter("default-for-az", "true")))
                .subnets();
        TreeMap<String, String> byZone = new TreeMap<>();
        for (Subnet subnet : subnets) {
            byZone.putIfAbsent(subnet.availabilityZone(), subnet.subnetId());
        }
        if (byZone.size() < ZONES) {
            throw new UserException("err.fleet.zones", vpcId, byZone.size(), ZONES);
        }
        while (byZone.size() > ZONES) {
            byZone.pollLastEntry();
        }
        return new FleetNetwork(vpcId, byZone);
    }

    /** The chosen subnets, in zone order. */
    public List<String> subnetIds() {
        return new TreeMap<>(subnetByZone).values().stream().toList();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
