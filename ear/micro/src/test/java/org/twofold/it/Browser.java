package org.twofold.it;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through its ChromeDriver, given explicitly so Selenium Manager never
 * tries the network. Waits are explicit conditions, never sleeps.
 */
final class Browser implements AutoCloseable {
    /**
     * The test keystore's key ({@code tls/test-https.p12}, which the tests that start Twofold over
     * HTTPS serve): Chromium trusts that key's certificate, and no other that it could not verify.
     */
    private static final String TEST_CERTIFICATE_SPKI = testCertificateSpki();

    final WebDriver driver;
    private final WebDriverWait wait;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--ignore-certificate-errors-spki-list=" + TEST_CERTIFICATE_SPKI);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** The base64 SHA-256 of the test certificate's SubjectPublicKeyInfo, as Chromium's SPKI list names keys. */
    private static String testCertificateSpki() {
        try (java.io.InputStream in = Browser.class.getResourceAsStream("/tls/test-https.p12")) {
            java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
            p12.load(in, HttpsIT.KEYSTORE_PASSWORD.toCharArray());
            byte[] spki = p12.getCertificate("twofold").getPublicKey().getEncoded();
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the test keystore tls/test-https.p12", e);
        }
    }

    /**
     * Opens the virtual phones ({@code /phone}) of the server at {@code base} by its loopback name:
     * they answer only this machine's loopback addresses ({@code TWOFOLD_PHONE_ALLOWED_FROM}), while
     * Arquillian names the server by the machine's network address.
     */
    void openPhones(java.net.URL base) {
        driver.get(base.getProtocol() + "://localhost:" + base.getPort() + "/phone");
    }

    WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Clicks the element once it is there and can be clicked, looking it up afresh (the live page
     * re-renders itself; while it does, an element can be briefly not interactable).
     */
    void clickWhenReady(By locator) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** Waits until an element matching {@code locator} is present. */
    void await(By locator) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** Types into the field, looking it up afresh if the page re-rendered it meanwhile. */
    void type(By locator, String text) {
        waitFor(locator);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
            WebElement e = d.findElement(locator);
            e.clear();
            e.sendKeys(text);
            return true;
        });
    }

    /**
     * Types into a field of the live page and returns once the text has stayed there for one poll
     * of the wait: a re-render already under way when typing began would have wiped it, and then
     * it is typed again.
     */
    void typeAndKeep(By locator, String text) {
        waitFor(locator);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
            WebElement e = d.findElement(locator);
            if (text.equals(e.getAttribute("value"))) {
                return true;
            }
            e.clear();
            e.sendKeys(text);
            return false;
        });
    }

    /** The element's text, read once it is there (and afresh if it was re-rendered). */
    String textOf(By locator) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(locator).getText());
    }

    /**
     * Clicks and waits until the page that the click leads to has replaced this one. While the old
     * document is being torn down ChromeDriver may report it as "does not belong to the document"
     * rather than as a stale element: the same event, so both end the wait.
     */
    void submit(By button) {
        WebElement old = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        wait.until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Waits until the element's text (read afresh each time) satisfies {@code condition}; returns that text. */
    String waitForText(By locator, java.util.function.Predicate<String> condition) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
            String text = d.findElement(locator).getText();
            return condition.test(text) ? text : null;
        });
    }

    /** Waits until the browser's address satisfies {@code condition}; returns it. */
    String waitForUrl(java.util.function.Predicate<String> condition) {
        return wait.until(d -> condition.test(d.getCurrentUrl()) ? d.getCurrentUrl() : null);
    }

    /** Waits until no element matches {@code locator} (e.g. a button the live page took away). */
    void awaitAbsent(By locator) {
        wait.until(d -> d.findElements(locator).isEmpty());
    }

    /** Waits until {@code element} is no longer in the page: Faces drew its part of the page anew. */
    void awaitReplaced(WebElement element) {
        wait.until(ExpectedConditions.stalenessOf(element));
    }

    /** Opens the virtual phones at {@code base}{@code phone} and chooses the phone labelled {@code label}. */
    void openPhone(java.net.URL base, String label) {
        openPhones(base);
        new org.openqa.selenium.support.ui.Select(waitFor(By.id("phone:device"))).selectByVisibleText(label);
    }

    /**
     * The SMS passcodes of the batch texted to the open virtual phone (the 7-digit words of its
     * latest text), once a text has arrived.
     */
    java.util.List<String> textedPasscodes() {
        await(By.cssSelector("div.line.text"));
        String text = textOf(By.cssSelector("div.line.text"));
        return java.util.Arrays.stream(text.split("[^0-9]+")).filter(w -> w.length() == 7).toList();
    }
}
