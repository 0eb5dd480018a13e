package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private key the shell saves when there is no vockey really opens an SSH session (real server on loopback). */
class KeyPairsSshTest {
    @TempDir
    Path stateDir;

    @BeforeEach
    void freshMoto() {
        MotoServer.get().reset();
    }

    @Test
    void theSavedPrivateKeyLogsInAsUbuntu() throws Exception {
        var clients = TestShellContext.motoClients();
        KeyPairs.Choice key = new KeyPairs(clients.ec2(), stateDir, Progress.SILENT).ensure();
        assertEquals(LabNames.OWN_KEY_PAIR, key.name());
        Path pem = key.privateKey().orElseThrow();
        PublicKey expected = publicKeyOf(pem);

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(stateDir.resolve("host-key")));
        server.setPublickeyAuthenticator((user, offered, session) -> LabNames.SSH_USER.equals(user) && KeyUtils.compareKeys(expected, offered));
        server.setPasswordAuthenticator(null);
        server.start();
        try {
            try (SSHClient client = new SSHClient()) {
                client.addHostKeyVerifier(new PromiscuousVerifier());
                client.setConnectTimeout(5000);
                client.connect("127.0.0.1", server.getPort());
                client.authPublickey(LabNames.SSH_USER, client.loadKeys(pem.toString()));
                assertTrue(client.isAuthenticated());
            }
            // Any other key is refused: the server really checks.
            Path other = stateDir.resolve("other.pem");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(other))) {
                writer.writeObject(generator.generateKeyPair());
            }
            try (SSHClient client = new SSHClient()) {
                client.addHostKeyVerifier(new PromiscuousVerifier());
                client.connect("127.0.0.1", server.getPort());
                assertThrows(UserAuthException.class, () -> client.authPublickey(LabNames.SSH_USER, client.loadKeys(other.toString())));
                assertFalse(client.isAuthenticated());
            }
        } finally {
            server.stop(true);
        }
    }

    private static PublicKey publicKeyOf(Path pem) throws Exception {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            Object parsed = parser.readObject();
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parsed).getPublic();
        }
    }
}
