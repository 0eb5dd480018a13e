package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import awslab.api.UserException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** Where the fleet lives: the default VPC's subnets, one per zone, two zones — or a clear error. */
class FleetNetworkTest {
    private FleetFixture fixture;

    @BeforeEach
    void freshMoto() {
        fixture = FleetFixture.fresh();
    }

    @Test
    void picksOneDefaultSubnetInEachOfTheFirstTwoZones() {
        FleetNetwork network = FleetNetwork.lookUp(fixture.clients.ec2());
        assertEquals(List.of("us-east-1a", "us-east-1b"), List.copyOf(new java.util.TreeSet<>(network.subnetByZone().keySet())));
        assertEquals(2, network.subnetIds().size());
    }

    @Test
    void saysSoWhenTheDefaultVpcSpansFewerThanTwoZones() {
        List<Subnet> subnets = fixture.clients.ec2().describeSubnets(r -> r.filters(
                FleetNetwork.filter("default-for-az", "true"))).subnets();
        subnets.stream().filter(s -> !"us-east-1a".equals(s.availabilityZone()))
                .forEach(s -> fixture.clients.ec2().deleteSubnet(r -> r.subnetId(s.subnetId())));
        UserException e = assertThrows(UserException.class, () -> FleetNetwork.lookUp(fixture.clients.ec2()));
        assertEquals("err.fleet.zones", e.key());
        assertEquals(1, e.args()[1]);
    }
}
