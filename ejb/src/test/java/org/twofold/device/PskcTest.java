package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class PskcTest {
    /** The RFC 4226 Appendix D secret every RFC 6030 example carries. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String RFC_SECRET_BASE64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

    /** RFC 6030 §4, Figure 3: a plain HOTP key with supplementary data. */
    private static final String FIGURE_3 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <KeyContainer Version="1.0"
                Id="exampleID1"
                xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                <KeyPackage>
                    <DeviceInfo>
                        <Manufacturer>Manufacturer</Manufacturer>
                        <SerialNo>987654321</SerialNo>
                        <UserId>DC=example-bank,DC=net</UserId>
                    </DeviceInfo>
                    <CryptoModuleInfo>
                        <Id>CM_ID_001</Id>
                    </CryptoModuleInfo>
                    <Key Id="12345678"
                        Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                        <Issuer>Issuer</Issuer>
                        <AlgorithmParameters>
                            <ResponseFormat Length="8" Encoding="DECIMAL"/>
                        </AlgorithmParameters>
                        <Data>
                            <Secret>
                                <PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=
                                </PlainValue>
                            </Secret>
                            <Counter>
                                <PlainValue>0</PlainValue>
                            </Counter>
                        </Data>
                        <UserId>UID=jsmith,DC=example-bank,DC=net</UserId>
                    </Key>
                </KeyPackage>
            </KeyContainer>
            """;

    /** RFC 6030 §6.1, Figure 6: AES-128-CBC under a pre-shared key, HMAC-SHA1 MAC. */
    private static final String FIGURE_6 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <KeyContainer Version="1.0"
                xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
                xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
                xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
                <EncryptionKey>
                    <ds:KeyName>Pre-shared-key</ds:KeyName>
                </EncryptionKey>
                <MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
                    <MACKey>
                        <xenc:EncryptionMethod
                        Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                        <xenc:CipherData>
                            <xenc:CipherValue>
                ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX
                            </xenc:CipherValue>
                        </xenc:CipherData>
                    </MACKey>
                </MACMethod>
                <KeyPackage>
                    <DeviceInfo>
                        <Manufacturer>Manufacturer</Manufacturer>
                        <SerialNo>987654321</SerialNo>
                    </DeviceInfo>
                    <CryptoModuleInfo>
                        <Id>CM_ID_001</Id>
                    </CryptoModuleInfo>
                    <Key Id="12345678"
                        Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                        <Issuer>Issuer</Issuer>
                        <AlgorithmParameters>
                            <ResponseFormat Length="8" Encoding="DECIMAL"/>
                        </AlgorithmParameters>
                        <Data>
                            <Secret>
                                <EncryptedValue>
                                    <xenc:EncryptionMethod
                        Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                                    <xenc:CipherData>
                                        <xenc:CipherValue>
                AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv
                                        </xenc:CipherValue>
                                    </xenc:CipherData>
                                </EncryptedValue>
                                <ValueMAC>Su+NvtQfmvfJzF6bmQiJqoLRExc=
                                </ValueMAC>
                            </Secret>
                            <Counter>
                                <PlainValue>0</PlainValue>
                            </Counter>
                        </Data>
                    </Key>
                </KeyPackage>
            </KeyContainer>
            """;

    /**
     * RFC 6030 §6.2, Figure 7: AES-128-CBC under a PBKDF2 key from the password "qwerty" (salt
     * Ej7/PEpyEpw=, 1000 iterations, 16 bytes), HMAC-SHA1 MAC with an encrypted MAC key.
     */
    private static final String FIGURE_7 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <pskc:KeyContainer
              xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"
              xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"
              xmlns:pkcs5=
              "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#"
              xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Version="1.0">
                <pskc:EncryptionKey>
                    <xenc11:DerivedKey>
                        <xenc11:KeyDerivationMethod
                          Algorithm=
             "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">
                            <pkcs5:PBKDF2-params>
                                <Salt>
                                    <Specified>Ej7/PEpyEpw=</Specified>
                                </Salt>
                                <IterationCount>1000</IterationCount>
                                <KeyLength>16</KeyLength>
                                <PRF/>
                            </pkcs5:PBKDF2-params>
                        </xenc11:KeyDerivationMethod>
                        <xenc:ReferenceList>
                            <xenc:DataReference URI="#ED"/>
                        </xenc:ReferenceList>
                        <xenc11:MasterKeyName>My Password 1</xenc11:MasterKeyName>
                    </xenc11:DerivedKey>
                </pskc:EncryptionKey>
                <pskc:MACMethod
                    Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
                    <pskc:MACKey>
                        <xenc:EncryptionMethod
                        Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                        <xenc:CipherData>
                            <xenc:CipherValue>
            2GTTnLwM3I4e5IO5FkufoOEiOhNj91fhKRQBtBJYluUDsPOLTfUvoU2dStyOwYZx
                            </xenc:CipherValue>
                        </xenc:CipherData>
                    </pskc:MACKey>
                </pskc:MACMethod>
                <pskc:KeyPackage>
                    <pskc:DeviceInfo>
                        <pskc:Manufacturer>TokenVendorAcme</pskc:Manufacturer>
                        <pskc:SerialNo>987654321</pskc:SerialNo>
                    </pskc:DeviceInfo>
                    <pskc:CryptoModuleInfo>
                        <pskc:Id>CM_ID_001</pskc:Id>
                    </pskc:CryptoModuleInfo>
                    <pskc:Key Algorithm=
                    "urn:ietf:params:xml:ns:keyprov:pskc:hotp" Id="123456">
                        <pskc:Issuer>Example-Issuer</pskc:Issuer>
                        <pskc:AlgorithmParameters>
                            <pskc:ResponseFormat Length="8" Encoding="DECIMAL"/>
                        </pskc:AlgorithmParameters>
                        <pskc:Data>
                            <pskc:Secret>
                            <pskc:EncryptedValue Id="ED">
                                <xenc:EncryptionMethod
                                    Algorithm=
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                                    <xenc:CipherData>
                                        <xenc:CipherValue>
                  oTvo+S22nsmS2Z/RtcoF8Hfh+jzMe0RkiafpoDpnoZTjPYZu6V+A4aEn032yCr4f
                                    </xenc:CipherValue>
                                </xenc:CipherData>
                                </pskc:EncryptedValue>
                                <pskc:ValueMAC>LP6xMvjtypbfT9PdkJhBZ+D6O4w=
                                </pskc:ValueMAC>
                            </pskc:Secret>
                        </pskc:Data>
                    </pskc:Key>
                </pskc:KeyPackage>
            </pskc:KeyContainer>
            """;

    private static final String FIGURE_7_CIPHER_VALUE =
            "oTvo+S22nsmS2Z/RtcoF8Hfh+jzMe0RkiafpoDpnoZTjPYZu6V+A4aEn032yCr4f";
    private static final String FIGURE_7_VALUE_MAC = "LP6xMvjtypbfT9PdkJhBZ+D6O4w=";

    private static char[] qwerty() {
        return "qwerty".toCharArray();
    }

    private static String container(String... keyPackages) {
        return "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"
                + String.join("", keyPackages) + "</KeyContainer>";
    }

    /** A plain key package; null leaves the SerialNo, ResponseFormat or Data extra out. */
    private static String keyPackage(String serial, String id, String algorithm, String length, String secret,
            String extraData) {
        return "<KeyPackage>"
                + (serial == null ? "" : "<DeviceInfo><SerialNo>" + serial + "</SerialNo></DeviceInfo>")
                + "<Key Id=\"" + id + "\" Algorithm=\"" + algorithm + "\">"
                + (length == null ? "" : "<AlgorithmParameters><ResponseFormat Length=\"" + length
                        + "\" Encoding=\"DECIMAL\"/></AlgorithmParameters>")
                + "<Data>"
                + (secret == null ? "" : "<Secret><PlainValue>" + secret + "</PlainValue></Secret>")
                + (extraData == null ? "" : extraData)
                + "</Data></Key></KeyPackage>";
    }

    private static String hotp(String serial, String id, String secret) {
        return keyPackage(serial, id, "urn:ietf:params:xml:ns:keyprov:pskc:hotp", "6", secret, null);
    }

    private static Pskc.Refusal onlyRefusal(Pskc.Result result) {
        assertEquals(List.of(), result.keys(), "no key may be imported");
        assertEquals(1, result.refusals().size(), () -> "refusals: " + result.refusals());
        return result.refusals().get(0);
    }

    @Test
    void importsRfc6030Figure3PlainHotpKey() {
        Pskc.Result result = Pskc.parse(FIGURE_3, null);

        assertEquals(List.of(), result.refusals());
        assertEquals(1, result.keys().size());
        Pskc.Key key = result.keys().get(0);
        assertAll(
                () -> assertEquals("987654321", key.serial()),
                () -> assertEquals(OtpKind.HOTP, key.kind()),
                () -> assertArrayEquals(RFC_SECRET, key.secret()),
                () -> assertEquals(8, key.digits()),
                () -> assertEquals(0, key.counter()),
                () -> assertEquals(30, key.timeStepSeconds()));
    }

    @Test
    void decryptsRfc6030Figure7PasswordProtectedKeyWithQwerty() {
        Pskc.Result result = Pskc.parse(FIGURE_7, qwerty());

        assertEquals(List.of(), result.refusals());
        assertEquals(1, result.keys().size());
        Pskc.Key key = result.keys().get(0);
        assertAll(
                () -> assertEquals("987654321", key.serial()),
                () -> assertEquals(OtpKind.HOTP, key.kind()),
                () -> assertEquals("12345678901234567890", new String(key.secret(), StandardCharsets.US_ASCII)),
                () -> assertEquals(8, key.digits()),
                () -> assertEquals(0, key.counter()));
    }

    @Test
    void leavesTheCallersPasswordUnchanged() {
        char[] password = qwerty();

        Pskc.parse(FIGURE_7, password);

        assertArrayEquals(qwerty(), password);
    }

    @Test
    void refusesKeyWhenPasswordIsWrong() {
        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(FIGURE_7, "qwertz".toCharArray()));

        assertEquals("123456", refusal.keyId());
        assertTrue(refusal.reason().contains("wrong password"), refusal.reason());
    }

    @Test
    void refusesKeyWhoseValueMacWasTampered() {
        String tampered = FIGURE_7.replace(FIGURE_7_VALUE_MAC, "MP6xMvjtypbfT9PdkJhBZ+D6O4w=");

        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(tampered, qwerty()));

        assertEquals("123456", refusal.keyId());
        assertTrue(refusal.reason().contains("ValueMAC does not match"), refusal.reason());
    }

    @Test
    void refusesKeyWhoseCipherValueWasAlteredEvenThoughItStillDecrypts() {
        // Changing the IV's first byte only changes the first plaintext byte: decryption succeeds,
        // so only the MAC can catch it.
        String altered = FIGURE_7.replace(FIGURE_7_CIPHER_VALUE, "p" + FIGURE_7_CIPHER_VALUE.substring(1));

        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(altered, qwerty()));

        assertTrue(refusal.reason().contains("ValueMAC does not match"), refusal.reason());
    }

    @Test
    void refusesEncryptedKeyWhoseValueMacWasRemoved() {
        String stripped = FIGURE_7.replaceAll("(?s)<pskc:ValueMAC>.*</pskc:ValueMAC>", "");

        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(stripped, qwerty()));

        assertTrue(refusal.reason().contains("no ValueMAC"), refusal.reason());
    }

    @Test
    void requiresAPasswordForAPasswordProtectedFile() {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Pskc.parse(FIGURE_7, null));

        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void refusesPreSharedKeyFileKeysWithAClearReason() {
        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(FIGURE_6, null));

        assertEquals("12345678", refusal.keyId());
        assertTrue(refusal.reason().contains("pre-shared key"), refusal.reason());
    }

    @Test
    void importsTheGoodKeyAndRefusesTheOneWithAnUnknownAlgorithm() {
        String ocra = "urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA512-8:C-QN08";
        String xml = container(
                keyPackage("OCRA-1", "K1", ocra, "8", RFC_SECRET_BASE64, null),
                hotp("HOTP-2", "K2", RFC_SECRET_BASE64));

        Pskc.Result result = Pskc.parse(xml, null);

        assertEquals(List.of("HOTP-2"), result.keys().stream().map(Pskc.Key::serial).toList());
        assertEquals(1, result.refusals().size());
        assertEquals("K1", result.refusals().get(0).keyId());
        assertTrue(result.refusals().get(0).reason().contains(ocra), result.refusals().get(0).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:ietf:params:xml:ns:keyprov:pskc:totp", "http://www.ietf.org/keyprov/pskc#totp"})
    void importsTotpKeyWithItsTimeStep(String algorithm) {
        String xml = container(keyPackage("T-1", "K1", algorithm, "6", RFC_SECRET_BASE64,
                "<Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval>"));

        Pskc.Key key = Pskc.parse(xml, null).keys().get(0);

        assertEquals(OtpKind.TOTP, key.kind());
        assertEquals(60, key.timeStepSeconds());
        assertEquals(6, key.digits());
    }

    @Test
    void takesDefaultsAndTheKeyIdWhenTheFileLeavesThemOut() {
        String xml = container(keyPackage(null, "ID-77", "urn:ietf:params:xml:ns:keyprov:pskc:totp", null,
                RFC_SECRET_BASE64, null));

        Pskc.Key key = Pskc.parse(xml, null).keys().get(0);

        assertEquals("ID-77", key.serial());
        assertEquals(6, key.digits());
        assertEquals(30, key.timeStepSeconds());
        assertEquals(0, key.counter());
    }

    @Test
    void readsTheHotpCounter() {
        String xml = container(keyPackage("H-1", "K1", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", "6",
                RFC_SECRET_BASE64, "<Counter><PlainValue>42</PlainValue></Counter>"));

        assertEquals(42, Pskc.parse(xml, null).keys().get(0).counter());
    }

    @Test
    void refusesSecretShorterThan128Bits() {
        // 15 bytes: one short of RFC 6030 §10.1's minimum.
        String xml = container(hotp("H-1", "K1", "MTIzNDU2Nzg5MDEyMzQ1"));

        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(xml, null));

        assertTrue(refusal.reason().contains("120 bits"), refusal.reason());
    }

    @Test
    void refusesKeyWithoutSecret() {
        String xml = container(hotp("H-1", "K1", null));

        assertTrue(onlyRefusal(Pskc.parse(xml, null)).reason().contains("no Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "5", "9", "10"})
    void refusesCodeLengthOutsideSixToEight(String length) {
        String xml = container(keyPackage("H-1", "K1", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", length,
                RFC_SECRET_BASE64, null));

        Pskc.Refusal refusal = onlyRefusal(Pskc.parse(xml, null));

        assertTrue(refusal.reason().contains(length + " digits"), refusal.reason());
    }

    @Test
    void rejectsDoctypeWithoutFetchingExternalEntities() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leak \"fetched\">".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String xml = "<?xml version=\"1.0\"?>"
                    + "<!DOCTYPE KeyContainer SYSTEM \"" + base + "/evil.dtd\" ["
                    + "<!ENTITY xxe SYSTEM \"" + base + "/secret\">]>"
                    + container(hotp("&xxe;", "K1", RFC_SECRET_BASE64));

            TwofoldException e = assertThrows(TwofoldException.class, () -> Pskc.parse(xml, null));

            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertEquals(0, requests.get(), "the parser fetched an external DTD or entity");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejectsExternalFileEntityWithoutRevealingTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root-secret-marker");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE KeyContainer [<!ENTITY xxe SYSTEM \"" + file.toUri()
                + "\">]>" + container(hotp("&xxe;", "K1", RFC_SECRET_BASE64));

        TwofoldException e = assertThrows(TwofoldException.class, () -> Pskc.parse(xml, null));

        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertFalse(e.getMessage().contains("root-secret-marker"), e.getMessage());
    }

    @Test
    void rejectsEntityExpansionBomb() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE KeyContainer [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + container(hotp("&c;", "K1", RFC_SECRET_BASE64));

        TwofoldException e = assertThrows(TwofoldException.class, () -> Pskc.parse(xml, null));

        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not xml at all", "<KeyContainer>unclosed",
        "<KeyContainer xmlns=\"urn:example:other\"/>", "<Tokens><Token serial=\"1\"/></Tokens>"})
    void rejectsFileThatIsNotAPskcKeyContainer(String xml) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Pskc.parse(xml, null));

        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @Test
    void rejectsMissingDocument() {
        assertEquals(ErrorCode.MISSING_FIELD,
                assertThrows(TwofoldException.class, () -> Pskc.parse(" ", null)).code());
    }

    @Test
    void keyToStringDoesNotRevealTheSecret() {
        Pskc.Key key = Pskc.parse(FIGURE_3, null).keys().get(0);

        String text = key.toString() + Pskc.parse(FIGURE_3, null);

        assertAll(
                () -> assertTrue(text.contains("987654321"), text),
                () -> assertFalse(text.contains("12345678901234567890"), text),
                () -> assertFalse(text.contains(RFC_SECRET_BASE64), text),
                () -> assertFalse(text.contains("3132333435"), text),
                () -> assertFalse(text.contains("49, 50, 51"), text),
                () -> assertFalse(text.contains("[B@"), text));
    }

    @Test
    void keyKeepsItsOwnCopyOfTheSecret() {
        Pskc.Key key = Pskc.parse(FIGURE_3, null).keys().get(0);

        key.secret()[0] ^= 1;

        assertArrayEquals(RFC_SECRET, key.secret());
    }
}
