package org.twofold.device;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a Portable Symmetric Key Container (RFC 6030), the XML file token vendors ship with a batch
 * of hardware tokens, into the seeds an administrator imports. Secrets may be plain Base64 (RFC 6030
 * §4, Figures 2 and 3) or AES-CBC encrypted under a key derived from a password with PBKDF2 (§6.2,
 * Figure 7); when the file names a MAC method, each encrypted value's HMAC (§6.1.1) is checked
 * before it is decrypted. Files encrypted with a pre-shared key (§6.1) or to a certificate (§6.3)
 * carry no key we could be given, so their encrypted keys are refused. Algorithm profiles: HOTP
 * (§10.1) and TOTP under the URIs vendors use.
 *
 * <p>A problem with one key (unknown algorithm, missing or short secret, bad MAC, wrong password,
 * unsupported digits) refuses that key only, so the rest of the batch still imports. A file that
 * cannot be read at all throws. The XML parser accepts no DOCTYPE, so no external entity is fetched
 * and no entity expands. No secret is ever put in a message or a {@code toString()}.
 */
public final class Pskc {
    private static final String PSKC_NS = "urn:ietf:params:xml:ns:keyprov:pskc";

    private static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
    private static final List<String> TOTP = List.of(
            "urn:ietf:params:xml:ns:keyprov:pskc:totp", "http://www.ietf.org/keyprov/pskc#totp");
    private static final String PBKDF2 = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2";
    private static final Map<String, Integer> AES_CBC_KEY_BYTES = Map.of(
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc", 16,
            "http://www.w3.org/2001/04/xmlenc#aes192-cbc", 24,
            "http://www.w3.org/2001/04/xmlenc#aes256-cbc", 32);
    private static final Map<String, String> HMACS = Map.of(
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1", "HmacSHA1",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256", "HmacSHA256",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384", "HmacSHA384",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512", "HmacSHA512");
    private static final Map<String, String> PBKDF2_PRFS = Map.of(
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1", "PBKDF2WithHmacSHA1",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256", "PBKDF2WithHmacSHA256",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384", "PBKDF2WithHmacSHA384",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512", "PBKDF2WithHmacSHA512");

    /** RFC 6030 §10.1 asks for at least 128 bits of key material. */
    private static final int MIN_SECRET_BYTES = 16;
    private static final int DEFAULT_DIGITS = 6;
    private static final int DEFAULT_TIME_STEP_SECONDS = 30;
    /** Guards the import against a file asking for hours of PBKDF2 work. */
    private static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    private static final int AES_BLOCK = 16;

    private Pskc() {
    }

    /**
     * One importable token seed. {@code counter} is the HOTP moving factor (0 unless the file says
     * otherwise); {@code timeStepSeconds} the TOTP step (30 unless the file says otherwise).
     * {@link #toString()} shows the secret's length only.
     */
    public record Key(String serial, OtpKind kind, byte[] secret, int digits, long counter, int timeStepSeconds) {
        public Key {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(kind, "kind");
            secret = Objects.requireNonNull(secret, "secret").clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && serial.equals(k.serial) && kind == k.kind
                    && MessageDigest.isEqual(secret, k.secret) && digits == k.digits
                    && counter == k.counter && timeStepSeconds == k.timeStepSeconds;
        }

        @Override
        public int hashCode() {
            // The secret stays out of the hash so it cannot leak through one.
            return Objects.hash(serial, kind, digits, counter, timeStepSeconds);
        }

        @Override
        public String toString() {
            return "Key[serial=" + serial + ", kind=" + kind + ", secret=(" + secret.length + " bytes), digits="
                    + digits + ", counter=" + counter + ", timeStepSeconds=" + timeStepSeconds + "]";
        }
    }

    /** A key in the file that was not imported: its {@code Id} (or serial) and why, for the administrator. */
    public record Refusal(String keyId, String reason) {
    }

    /** The keys that can be imported and the ones refused, each in file order. */
    public record Result(List<Key> keys, List<Refusal> refusals) {
        public Result {
            keys = List.copyOf(keys);
            refusals = List.copyOf(refusals);
        }
    }

    /**
     * Reads a PSKC document.
     *
     * @param password the file's password, needed only when its keys are encrypted under a
     *     PBKDF2-derived key; may be null otherwise. It is not changed.
     * @throws TwofoldException {@code MISSING_FIELD} when there is no document; {@code INVALID_VALUE}
     *     when it is not well-formed XML, has a DOCTYPE, is not a PSKC {@code KeyContainer}, or is
     *     password-protected and no password was given
     */
    public static Result parse(String xml, char[] password) {
        if (xml == null || xml.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "No PSKC document was given.");
        }
        Element container = read(xml).getDocumentElement();
        if (!PSKC_NS.equals(container.getNamespaceURI()) || !"KeyContainer".equals(container.getLocalName())) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "This is not a PSKC KeyContainer (RFC 6030).");
        }
        Protection protection = Protection.of(container, password);
        try {
            List<Key> keys = new ArrayList<>();
            List<Refusal> refusals = new ArrayList<>();
            int position = 0;
            for (Element keyPackage : children(container, "KeyPackage")) {
                position++;
                Element key = child(keyPackage, "Key");
                if (key == null) {
                    continue; // a package describing a device only carries nothing to import
                }
                String id = idOf(keyPackage, key, position);
                try {
                    keys.add(keyOf(keyPackage, key, protection));
                } catch (Refused r) {
                    refusals.add(new Refusal(id, r.getMessage()));
                }
            }
            return new Result(keys, refusals);
        } finally {
            protection.forget();
        }
    }

    private static Document read(String xml) {
        try {
            DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed.");
            });
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            // The parser's own text may quote document content, so only the position is reported.
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "This PSKC file is not readable XML or has a "
                    + "DOCTYPE (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ").");
        } catch (SAXException | IOException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "This PSKC file is not readable XML.");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
    }

    /** Namespace-aware, no DOCTYPE (so no external entity and no entity expansion), no XInclude. */
    private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Key keyOf(Element keyPackage, Element key, Protection protection) {
        String algorithm = key.getAttribute("Algorithm").trim();
        OtpKind kind;
        if (HOTP.equals(algorithm)) {
            kind = OtpKind.HOTP;
        } else if (TOTP.contains(algorithm)) {
            kind = OtpKind.TOTP;
        } else {
            throw new Refused(algorithm.isEmpty() ? "The key has no Algorithm."
                    : "Algorithm " + algorithm + " is not HOTP or TOTP.");
        }
        int digits = digitsOf(key);
        Element data = child(key, "Data");
        Element secretElement = data == null ? null : child(data, "Secret");
        if (secretElement == null) {
            throw new Refused("The key has no Secret.");
        }
        byte[] secret = secretOf(secretElement, protection);
        try {
            if (secret.length < MIN_SECRET_BYTES) {
                throw new Refused("The secret has " + secret.length * 8 + " bits; at least "
                        + MIN_SECRET_BYTES * 8 + " are required (RFC 6030 §10.1).");
            }
            long counter = plainNumber(data, "Counter", 0);
            long timeStep = plainNumber(data, "TimeInterval", DEFAULT_TIME_STEP_SECONDS);
            if (timeStep < 1 || timeStep > Integer.MAX_VALUE) {
                throw new Refused("TimeInterval " + timeStep + " is not a positive number of seconds.");
            }
            return new Key(serialOf(keyPackage, key), kind, secret, digits, counter, (int) timeStep);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static int digitsOf(Element key) {
        Element parameters = child(key, "AlgorithmParameters");
        Element format = parameters == null ? null : child(parameters, "ResponseFormat");
        if (format == null) {
            return DEFAULT_DIGITS;
        }
        String encoding = format.getAttribute("Encoding").trim();
        if (!encoding.isEmpty() && !"DECIMAL".equals(encoding)) {
            throw new Refused("Response encoding " + encoding + " is not supported; codes must be DECIMAL.");
        }
        String length = format.getAttribute("Length").trim();
        if (length.isEmpty()) {
            return DEFAULT_DIGITS;
        }
        int digits;
        try {
            digits = Integer.parseInt(length);
        } catch (NumberFormatException e) {
            throw new Refused("ResponseFormat Length \"" + length + "\" is not a number.");
        }
        if (digits < 6 || digits > 8) {
            throw new Refused("Codes of " + digits + " digits are not supported; 6 to 8 are.");
        }
        return digits;
    }

    private static byte[] secretOf(Element secret, Protection protection) {
        Element plain = child(secret, "PlainValue");
        if (plain != null) {
            return base64(plain, "The secret");
        }
        Element encrypted = child(secret, "EncryptedValue");
        if (encrypted == null) {
            throw new Refused("The Secret has no value.");
        }
        Element mac = child(secret, "ValueMAC");
        return protection.decrypt(encrypted, mac == null ? null : base64(mac, "The ValueMAC"));
    }

    private static long plainNumber(Element data, String name, long absent) {
        Element element = child(data, name);
        if (element == null) {
            return absent;
        }
        Element plain = child(element, "PlainValue");
        if (plain == null) {
            // An encrypted Counter or TimeInterval is rare; refusing beats guessing its encoding.
            throw new Refused(name + " is not a PlainValue; only plain values are supported.");
        }
        try {
            long value = Long.parseLong(plain.getTextContent().trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Refused(name + " is not a non-negative number.");
        }
    }

    private static String serialOf(Element keyPackage, Element key) {
        Element device = child(keyPackage, "DeviceInfo");
        Element serialNo = device == null ? null : child(device, "SerialNo");
        if (serialNo != null && !serialNo.getTextContent().isBlank()) {
            return serialNo.getTextContent().trim();
        }
        String id = key.getAttribute("Id").trim();
        if (id.isEmpty()) {
            throw new Refused("The key has neither a DeviceInfo SerialNo nor an Id.");
        }
        return id;
    }

    private static String idOf(Element keyPackage, Element key, int position) {
        String id = key.getAttribute("Id").trim();
        if (!id.isEmpty()) {
            return id;
        }
        Element device = child(keyPackage, "DeviceInfo");
        Element serialNo = device == null ? null : child(device, "SerialNo");
        if (serialNo != null && !serialNo.getTextContent().isBlank()) {
            return serialNo.getTextContent().trim();
        }
        return "KeyPackage " + position;
    }

    /**
     * How the file's encrypted values are protected (RFC 6030 §6): its {@code EncryptionKey} and
     * {@code MACMethod}. When they cannot be used, {@link #problem} says why, and every encrypted
     * value is refused with that reason while plain keys still import.
     */
    private static final class Protection {
        private final String problem;
        private final Element derivation;
        private final char[] password;
        private final Map<Integer, byte[]> derivedKeys = new HashMap<>();
        private final Element macMethod;
        private byte[] macKey;
        private String macProblem;

        private Protection(String problem, Element derivation, char[] password, Element macMethod) {
            this.problem = problem;
            this.derivation = derivation;
            this.password = password;
            this.macMethod = macMethod;
        }

        static Protection of(Element container, char[] password) {
            Element macMethod = child(container, "MACMethod");
            Element encryptionKey = child(container, "EncryptionKey");
            if (encryptionKey == null) {
                return new Protection("The secret is encrypted but the file has no EncryptionKey.", null, null,
                        macMethod);
            }
            Element derivedKey = child(encryptionKey, "DerivedKey");
            if (derivedKey != null) {
                if (password == null) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE,
                            "This PSKC file is protected by a password; give the password to import it.");
                }
                Element method = child(derivedKey, "KeyDerivationMethod");
                String algorithm = method == null ? "" : method.getAttribute("Algorithm").trim();
                if (!PBKDF2.equals(algorithm)) {
                    return new Protection("Key derivation " + (algorithm.isEmpty() ? "(none)" : algorithm)
                            + " is not supported; only PBKDF2 is.", null, null, macMethod);
                }
                return new Protection(null, method, password.clone(), macMethod);
            }
            Element keyName = child(encryptionKey, "KeyName");
            if (keyName != null) {
                return new Protection("The secret is encrypted with a pre-shared key (\""
                        + keyName.getTextContent().trim() + "\"); only plain and password-protected PSKC files"
                        + " can be imported. Ask the vendor for a password-protected file.", null, null, macMethod);
            }
            return new Protection("The secret is encrypted with a key this import cannot use (only plain and"
                    + " password-protected PSKC files are supported).", null, null, macMethod);
        }

        /** Checks the value's MAC when the file has a MAC method, then decrypts it. */
        byte[] decrypt(Element encryptedValue, byte[] valueMac) {
            if (problem != null) {
                throw new Refused(problem);
            }
            if (macMethod != null) {
                byte[] cipherValue = cipherValue(encryptedValue);
                if (valueMac == null) {
                    throw new Refused("The encrypted secret has no ValueMAC although the file has a MACMethod.");
                }
                String hmac = HMACS.get(macMethod.getAttribute("Algorithm").trim());
                if (hmac == null) {
                    throw new Refused("MAC algorithm " + macMethod.getAttribute("Algorithm").trim()
                            + " is not supported.");
                }
                byte[] expected = hmac(hmac, macKey(), cipherValue);
                if (!MessageDigest.isEqual(expected, valueMac)) {
                    throw new Refused("The ValueMAC does not match: wrong password, or the file was altered.");
                }
            }
            return decryptValue(encryptedValue, "The secret");
        }

        private byte[] macKey() {
            if (macKey == null && macProblem == null) {
                Element encryptedMacKey = child(macMethod, "MACKey");
                if (encryptedMacKey == null) {
                    macProblem = "The MACMethod has no MACKey.";
                } else {
                    try {
                        macKey = decryptValue(encryptedMacKey, "The MAC key");
                    } catch (Refused r) {
                        macProblem = r.getMessage();
                    }
                }
            }
            if (macProblem != null) {
                throw new Refused(macProblem);
            }
            return macKey;
        }

        /** Decrypts an xenc EncryptedValue-shaped element: CipherValue = IV ‖ ciphertext, PKCS#5 padding. */
        private byte[] decryptValue(Element value, String what) {
            Element method = child(value, "EncryptionMethod");
            String algorithm = method == null ? "" : method.getAttribute("Algorithm").trim();
            Integer keyBytes = AES_CBC_KEY_BYTES.get(algorithm);
            if (keyBytes == null) {
                throw new Refused("Encryption " + (algorithm.isEmpty() ? "(none)" : algorithm)
                        + " is not supported; AES-CBC is.");
            }
            byte[] cipherValue = cipherValue(value);
            if (cipherValue.length < 2 * AES_BLOCK || cipherValue.length % AES_BLOCK != 0) {
                throw new Refused(what + " is not an AES-CBC value (IV and whole blocks).");
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(keyBytes), "AES"),
                        new IvParameterSpec(cipherValue, 0, AES_BLOCK));
                return cipher.doFinal(cipherValue, AES_BLOCK, cipherValue.length - AES_BLOCK);
            } catch (GeneralSecurityException e) {
                throw new Refused(what + " could not be decrypted: wrong password, or the file was altered.");
            }
        }

        private byte[] key(int length) {
            byte[] key = derivedKeys.get(length);
            if (key == null) {
                key = derive(length);
                derivedKeys.put(length, key);
            }
            return key;
        }

        /** PBKDF2 (PKCS #5 v2.0 §5.2) over the password's UTF-8 bytes, as RFC 6030 §6.2 shows. */
        private byte[] derive(int length) {
            Element params = child(derivation, "PBKDF2-params");
            if (params == null) {
                throw new Refused("The key derivation has no PBKDF2-params.");
            }
            Element salt = child(params, "Salt");
            Element specified = salt == null ? null : child(salt, "Specified");
            if (specified == null) {
                throw new Refused("The key derivation has no specified Salt.");
            }
            byte[] saltBytes = base64(specified, "The Salt");
            int iterations = (int) positive(params, "IterationCount", MAX_PBKDF2_ITERATIONS);
            Element keyLength = child(params, "KeyLength");
            if (keyLength != null && positive(params, "KeyLength", 64) != length) {
                throw new Refused("The derived key length does not fit the encryption algorithm.");
            }
            Element prf = child(params, "PRF");
            String prfAlgorithm = prf == null ? "" : prf.getAttribute("Algorithm").trim();
            String factory = prfAlgorithm.isEmpty() ? "PBKDF2WithHmacSHA1" : PBKDF2_PRFS.get(prfAlgorithm);
            if (factory == null) {
                throw new Refused("PBKDF2 pseudo-random function " + prfAlgorithm + " is not supported.");
            }
            if (saltBytes.length == 0) {
                throw new Refused("The key derivation's Salt is empty.");
            }
            PBEKeySpec spec = new PBEKeySpec(password, saltBytes, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance(factory).generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new Refused("The key could not be derived from the password.");
            } finally {
                spec.clearPassword();
            }
        }

        void forget() {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            derivedKeys.values().forEach(k -> Arrays.fill(k, (byte) 0));
            if (macKey != null) {
                Arrays.fill(macKey, (byte) 0);
            }
        }
    }

    private static byte[] cipherValue(Element value) {
        Element cipherData = child(value, "CipherData");
        Element cipherValue = cipherData == null ? null : child(cipherData, "CipherValue");
        if (cipherValue == null) {
            throw new Refused("The encrypted value has no CipherValue.");
        }
        return base64(cipherValue, "The CipherValue");
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("The ValueMAC could not be checked.");
        }
    }

    private static long positive(Element parent, String name, long max) {
        Element element = child(parent, name);
        try {
            long value = Long.parseLong(element == null ? "" : element.getTextContent().trim());
            if (value < 1 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Refused("The key derivation's " + name + " is missing or out of range (1 to " + max + ").");
        }
    }

    private static byte[] base64(Element element, String what) {
        try {
            return Base64.getDecoder().decode(element.getTextContent().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Refused(what + " is not Base64.");
        }
    }

    /**
     * The first child element with this local name. Namespaces are not compared below the
     * container: RFC 6030 §6.2 itself puts the PBKDF2 parameters in no namespace, and vendors vary.
     */
    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** A reason to refuse one key; never carries secret material. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
