package awslab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

class MotoServerTest {

    @Test
    void servesTheUbuntuImagesOverHttpOnLoopback() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        try (Ec2Client ec2 = moto.configure(Ec2Client.builder()).build()) {
            var images = ec2.describeImages(b -> b.owners("099720109477")).images();
            assertTrue(images.stream().map(Image::imageId).anyMatch(MotoServer.UBUNTU_AMI::equals), images.toString());
        }
    }
}
