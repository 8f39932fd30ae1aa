package org.twofold.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The browsers a test opens ({@link #open}), as a JUnit extension registered on the test instance
 * ({@code @RegisterExtension final Browsers browsers = new Browsers();}): each is closed after the
 * test, and photographed first if the test failed — {@code target/screenshots/<class>-<test>-<n>.png}.
 */
final class Browsers implements TestExecutionExceptionHandler, AfterEachCallback {
    private final List<Browser> open = new ArrayList<>();

    /** A new headless Chromium, closed after the test. */
    Browser open() {
        Browser b = new Browser();
        open.add(b);
        return b;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path dir = Path.of("target", "screenshots");
        for (int i = 0; i < open.size(); i++) {
            try {
                Files.createDirectories(dir);
                byte[] png = ((TakesScreenshot) open.get(i).driver).getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-" + i + ".png"), png);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Browser::close);
        open.clear();
    }
}
