package org.twofold.radius.door;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.ProxyState;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.packets.AccessReject;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.junit.jupiter.api.Test;

/** Every answer as it goes on the wire: a Message-Authenticator that verifies (RFC 3579 §3.2), and the request's Proxy-States. */
class AnswerTest {
    private static final byte[] SECRET = "s3cret-shared".getBytes(StandardCharsets.UTF_8);

    @Test
    void answerCarriesAVerifiableMessageAuthenticatorAndTheProxyStates() throws Exception {
        Packet request = new AccessRequest(List.of(new UserName(new TextData("ann")), new ProxyState(new StringData(new byte[] {1, 2, 3}))));
        Packet reply = AccessRequests.reply(request, false, RadiusWords.message(org.twofold.auth.Verdict.Reason.INVALID_PASSCODE));
        assertInstanceOf(AccessReject.class, reply);
        byte[] requestAuthenticator = new byte[16];
        Arrays.fill(requestAuthenticator, (byte) 7);
        byte[] wire = new PacketCodec(new StandardDictionary()).encodeResponse(reply, SECRET, 42, requestAuthenticator);

        assertEquals(3, wire[0], "Access-Reject");
        assertEquals(42, wire[1]);
        int at = 20;
        int messageAuthenticator = -1;
        String replyMessage = null;
        byte[] proxyState = null;
        while (at < wire.length) {
            int type = wire[at] & 0xFF;
            int length = wire[at + 1] & 0xFF;
            byte[] value = Arrays.copyOfRange(wire, at + 2, at + length);
            if (type == 80) {
                messageAuthenticator = at;
            } else if (type == 18) {
                replyMessage = new String(value, StandardCharsets.UTF_8);
            } else if (type == 33) {
                proxyState = value;
            }
            at += length;
        }
        assertEquals("Incorrect passcode. Please try again.", replyMessage);
        assertArrayEquals(new byte[] {1, 2, 3}, proxyState);
        assertTrue(messageAuthenticator > 0, "Message-Authenticator present");
        // RFC 3579 §3.2: HMAC-MD5 over the answer with the request's authenticator and the attribute zeroed
        byte[] check = wire.clone();
        System.arraycopy(requestAuthenticator, 0, check, 4, 16);
        Arrays.fill(check, messageAuthenticator + 2, messageAuthenticator + 18, (byte) 0);
        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec(SECRET, "HmacMD5"));
        assertArrayEquals(hmac.doFinal(check), Arrays.copyOfRange(wire, messageAuthenticator + 2, messageAuthenticator + 18));
    }
}
