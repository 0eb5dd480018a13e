package awslab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Query protocol's two list shapes, and XML that stays well-formed whatever the text. */
class WireFormatTest {

    @Test
    void paramsReadBothListShapesAndNestedStructures() {
        Params p = Params.parse("Action=RunInstances&InstanceId.1=i-1&InstanceId.2=i-2&Subnets.member.1=subnet-a"
                + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web%20%C3%A9"
                + "&LaunchTemplateData.ImageId=ami-1");
        assertEquals(List.of("i-1", "i-2"), p.list("InstanceId"));
        assertEquals(List.of("subnet-a"), p.list("Subnets"));
        Params spec = p.structs("TagSpecification").get(0);
        assertEquals("instance", spec.get("ResourceType"));
        assertEquals("web é", spec.structs("Tag").get(0).get("Value"));
        assertEquals("ami-1", p.sub("LaunchTemplateData.").get("ImageId"));
        assertNull(p.sub("Nothing."));
        AwsError missing = assertThrows(AwsError.class, () -> p.required("MinCount"));
        assertEquals("MissingParameter", missing.code());
    }

    @Test
    void xmlEscapesEveryTextAndClosesInOrder() {
        String xml = new Xml().open("R", Xml.EC2_NS).leaf("description", "a <b> & \"c\" 'd'\u0001").leaf("absent", null).end().toString();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><R xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<description>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\uFFFD</description></R>", xml);
        assertThrows(IllegalStateException.class, () -> new Xml().open("unclosed").toString());
    }
}
