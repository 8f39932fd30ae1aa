package org.twofold.ws.duo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.Verdict;
import org.twofold.integration.SignedRequest;

/**
 * duo_unix's REST v1 as the server reads and answers it: the menu of preauth, the txid of an answer
 * given at once, the undated signature of duo_unix 1.11.3's {@code https_send} (vectors signed with
 * Python's {@code hmac} over the canonical text that function builds), and BSON as bsonspec.org
 * lays it out.
 */
class DuoUnixWordsTest {
    private static final byte[] SKEY = "skey-of-the-integration".getBytes(StandardCharsets.UTF_8);

    private static PreauthAnswer.Device device(long id, String name, String number, String... capabilities) {
        return new PreauthAnswer.Device(id, "smartphone", name, number, List.of(capabilities), null);
    }

    @Test
    void theMenuNumbersEachFactorOfEachDeviceAndDefaultsToTheFirstPush() {
        DuoUnixWords.Menu menu = DuoUnixWords.menu("jdoe", List.of(
                device(7, "iPhone", "XXX-XXX-1234", "push", "phone", "sms", "mobile_otp"),
                device(9, "Desk", "XXX-XXX-5678", "phone")));
        assertEquals("""
                Duo two-factor login for jdoe

                Enter a passcode or select one of the following options:

                 1. Duo Push to XXX-XXX-1234
                 2. Phone call to XXX-XXX-1234
                 3. SMS passcodes to XXX-XXX-1234
                 4. Phone call to XXX-XXX-5678

                Passcode or option (1-4):\s""", menu.prompt());
        assertEquals(Map.of("1", "push1", "2", "phone1", "3", "sms1", "4", "phone2", "default", "push1"), menu.factors());
    }

    @Test
    void withoutAPushTheDefaultIsACallAndATokenAloneOffersOnlyAPasscode() {
        assertEquals("phone1", DuoUnixWords.menu("a", List.of(device(1, "Desk", "XXX-XXX-0001", "phone"))).factors().get("default"));
        DuoUnixWords.Menu token = DuoUnixWords.menu("b", List.of(new PreauthAnswer.Device(2, "hardware_token", "Token", null, List.of("mobile_otp"), null)));
        assertEquals("Duo two-factor login for b\n\nEnter a passcode: ", token.prompt());
        assertEquals(Map.of(), token.factors(), "no option, no default: autopush then asks nothing of the server");
    }

    @Test
    void anAnsweredTxidCarriesItsVerdictAndNothingElseIsReadAsOne() {
        String denied = DuoUnixWords.answeredTxid(Verdict.deny(Verdict.Reason.INVALID_PASSCODE, "passcode"));
        String allowed = DuoUnixWords.answeredTxid(Verdict.allow("passcode"));
        assertTrue(denied.startsWith("answered-deny-invalid_passcode-"), denied);
        assertNotEquals(denied, DuoUnixWords.answeredTxid(Verdict.deny(Verdict.Reason.INVALID_PASSCODE, "passcode")), "each one its own");
        Verdict back = DuoUnixWords.answered(denied).orElseThrow();
        assertFalse(back.allowed());
        assertEquals(Verdict.Reason.INVALID_PASSCODE, back.reason());
        assertTrue(DuoUnixWords.answered(allowed).orElseThrow().allowed());
        for (String other : new String[] {null, "", "0123456789abcdef", "answered-", "answered-maybe-allowed-00", "answered-allow-nonsense-00",
                "answered-allow-allowed"}) {
            assertEquals(Optional.empty(), DuoUnixWords.answered(other), other);
        }
    }

    @Test
    void duoUnixsUndatedSignatureIsCheckedOverTheParametersAsSentForTheHostWithoutItsPort() {
        String body = "async=1&auto=push1&factor=auto&hostname=host.example&pushinfo=Server%2BIP%3D127.0.0.1%26Command%3D&user=daemon";
        CanonicalRequest.Credentials credentials = new CanonicalRequest.Credentials("DIKEY", "05825f415e96c192d5e777b201062f8162da14d8");
        SignedRequest request = CanonicalRequest.toSignUndated(credentials, "POST", "localhost:8443", "/rest/v1/auth.bson",
                CanonicalRequest.form(body), body).orElseThrow();
        assertEquals(null, request.date(), "no date is signed");
        assertEquals(SignedRequest.Algorithm.HMAC_SHA1, request.algorithm());
        assertTrue(request.matches(SKEY));
        assertFalse(request.matches("another-secret".getBytes(StandardCharsets.UTF_8)));

        String tampered = body.replace("user=daemon", "user=root");
        assertFalse(CanonicalRequest.toSignUndated(credentials, "POST", "localhost:8443", "/rest/v1/auth.bson", CanonicalRequest.form(tampered),
                tampered).orElseThrow().matches(SKEY), "the parameters are signed");
        assertFalse(CanonicalRequest.toSignUndated(credentials, "GET", "localhost:8443", "/rest/v1/auth.bson", CanonicalRequest.form(body), body)
                .orElseThrow().matches(SKEY), "the method is signed");

        String query = "txid=answered-deny-invalid_passcode-00";
        assertTrue(CanonicalRequest.toSignUndated(new CanonicalRequest.Credentials("DIKEY", "c6070f3fd4acc96ed2f3fa1c8155665a8eee8cf2"), "GET",
                "localhost:8443", "/rest/v1/status.bson", CanonicalRequest.form(query), query).orElseThrow().matches(SKEY));
        assertEquals(Optional.empty(), CanonicalRequest.toSignUndated(new CanonicalRequest.Credentials("DIKEY", "ab".repeat(64)), "POST",
                "localhost", "/rest/v1/auth.bson", Map.of(), ""), "only SHA-1's 40 hex digits");
    }

    @Test
    void answersAreBsonAsTheSpecLaysItOut() {
        // {"a": "b", "c": 1}: int32 length, 0x02 string "a" (length 2, "b\0"), 0x10 int32 "c" = 1, 0x00
        byte[] expected = HexFormat.of().parseHex("15000000" + "02" + "6100" + "02000000" + "6200" + "10" + "6300" + "01000000" + "00");
        assertArrayEquals(expected, DuoUnixApi.bson(new BsonDocument("a", new BsonString("b")).append("c", new BsonInt32(1))));
    }
}
