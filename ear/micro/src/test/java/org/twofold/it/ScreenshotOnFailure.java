package org.twofold.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Saves a PNG of every watched browser under {@code target/screenshots/} when a test fails, named
 * after the test class, method and browser, so a failed browser test shows what the user saw.
 * Register with {@code @RegisterExtension} and {@link #watch} each browser the test opens; the
 * browsers must still be open when the test method ends (close them in {@code @AfterEach}).
 */
final class ScreenshotOnFailure implements TestExecutionExceptionHandler, AfterEachCallback {
    private final Map<String, WebDriver> watched = new LinkedHashMap<>();

    /** Photographs {@code driver} as {@code name} if the current test fails. */
    void watch(String name, WebDriver driver) {
        watched.put(name, driver);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path dir = Path.of("target", "screenshots");
        for (Map.Entry<String, WebDriver> e : watched.entrySet()) {
            try {
                Files.createDirectories(dir);
                byte[] png = ((TakesScreenshot) e.getValue()).getScreenshotAs(OutputType.BYTES);
                Path file = dir.resolve(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-" + e.getKey() + ".png");
                Files.write(file, png);
                failure.addSuppressed(new AssertionError("screenshot of " + e.getKey() + " at " + file.toAbsolutePath()
                        + " (page " + e.getValue().getCurrentUrl() + ")"));
            } catch (IOException | RuntimeException notTaken) {
                failure.addSuppressed(notTaken);
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        watched.clear();
    }
}
