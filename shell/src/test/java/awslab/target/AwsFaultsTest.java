package awslab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The shell's clients (as {@link ClientFactory} builds them) behind a {@link FaultProxy} in front
 * of Moto: what a network and AWS do wrong becomes a retry where a retry is safe, and otherwise
 * one line, in the user's language, that names the error and what to do.
 */
class AwsFaultsTest {
    private FaultProxy proxy;
    private AwsClients clients;
    private final Messages en = Messages.load(Language.EN);
    private final Messages fr = Messages.load(Language.FR);

    @BeforeEach
    void proxyInFrontOfMoto() {
        MotoServer.get().reset();
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }

    private UserException failure(Runnable call) {
        SdkException e = assertThrows(SdkException.class, call::run);
        return AwsErrors.explain(e);
    }

    private void assertOneLine(UserException e, String... expected) {
        for (Messages messages : new Messages[] {en, fr}) {
            String text = messages.get(e.key(), e.args());
            assertFalse(text.contains("\n"), "one line: " + text);
            assertFalse(text.strip().endsWith(":"), "nothing missing after a colon: " + text);
            for (String part : expected) {
                assertTrue(text.contains(part), part + " in " + text);
            }
        }
    }

    @Test
    void authFailureSaysWhichErrorAndToReconnect() {
        proxy.always("DescribeInstances", Fault.AUTH_FAILURE);
        UserException e = failure(() -> clients.ec2().describeInstances());
        assertEquals("err.aws.credentials.invalid", e.key());
        assertOneLine(e, "AuthFailure", "connect");
        assertEquals(1, proxy.requests("DescribeInstances").size(), "a refused signature is not retried");
    }

    @Test
    void aBare401IsStillACredentialsProblem() {
        proxy.always("DescribeVpcs", Fault.BARE_401);
        UserException e = failure(() -> clients.ec2().describeVpcs());
        assertEquals("err.aws.credentials.invalid", e.key());
        assertOneLine(e, "401", "connect");
    }

    @Test
    void anExpiredSessionSaysHowToPasteTheNewBlock() {
        proxy.always("DescribeAutoScalingGroups", Fault.EXPIRED_TOKEN);
        UserException e = failure(() -> clients.autoScaling().describeAutoScalingGroups());
        assertEquals("err.aws.credentials.expired", e.key());
        assertOneLine(e, "ExpiredToken", "connect");
    }

    @Test
    void aTruncatedAnswerIsRetriedAndThenReadWhole() {
        clients.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16"));
        proxy.on("DescribeVpcs", Fault.TRUNCATE, 1);
        assertTrue(clients.ec2().describeVpcs().vpcs().size() >= 1);
        assertEquals(2, proxy.requests("DescribeVpcs").size(), "the garbled answer was asked again");
    }

    @Test
    void anAnswerAlwaysTruncatedIsOneLineWithoutParserText() {
        proxy.always("DescribeVpcs", Fault.TRUNCATE);
        UserException e = failure(() -> clients.ec2().describeVpcs());
        assertEquals("err.aws.garbled", e.key());
        assertOneLine(e);
        String text = en.get(e.key(), e.args());
        assertFalse(text.contains("ParseError") || text.contains("XML") || text.contains("unmarshall"), text);
    }

    @Test
    void anErrorWhoseCodeIsCutShortIsAskedAgainNotShownAsABareStatus() {
        // Moto answers 400 InvalidVpcID.NotFound; cut short, its code cannot be read.
        proxy.always("DescribeVpcs", Fault.TRUNCATE);
        UserException e = failure(() -> clients.ec2().describeVpcs(r -> r.vpcIds("vpc-00000000")));
        assertEquals("err.aws.garbled", e.key());
        assertEquals(ClientFactory.MAX_ATTEMPTS, proxy.requests("DescribeVpcs").size());
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        proxy.on("DescribeKeyPairs", Fault.THROTTLE, 2);
        clients.ec2().describeKeyPairs();
        proxy.on("DescribeLoadBalancers", Fault.UNAVAILABLE, 1).on("DescribeLoadBalancers", Fault.SERVER_ERROR, 1);
        clients.elb().describeLoadBalancers();
        proxy.on("DescribeInstances", Fault.CUT, 1);
        clients.ec2().describeInstances();
        proxy.on("GetCallerIdentity", Fault.DELAY, 1);
        assertEquals("123456789012", clients.sts().getCallerIdentity().account());
        assertEquals(3, proxy.requests("DescribeKeyPairs").size());
        assertEquals(3, proxy.requests("DescribeLoadBalancers").size());
    }

    @Test
    void throttlingThatNeverEndsSaysToWait() {
        proxy.always("DescribeInstances", Fault.THROTTLE);
        UserException e = failure(() -> clients.ec2().describeInstances());
        assertEquals("err.aws.throttled", e.key());
        assertOneLine(e, "RequestLimitExceeded");
    }

    @Test
    void everyKindOfServiceErrorIsOneLine() {
        for (String[] row : AwsErrorsTest.TABLE) {
            var e = software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
                    .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode(row[0]).errorMessage("details").build())
                    .statusCode(400).build();
            assertOneLine(AwsErrors.explain(e), row[0]);
        }
    }
}
