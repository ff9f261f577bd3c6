package org.socialmaturity.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.socialmaturity.gateway.GatewayApi.answerEverything;
import static org.socialmaturity.gateway.GatewayApi.as;
import static org.socialmaturity.gateway.GatewayApi.newPartner;
import static org.socialmaturity.gateway.GatewayApi.registerCompany;
import static org.socialmaturity.gateway.GatewayApi.startAssessment;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.socialmaturity.gateway.GatewayApi.Partner;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver), served by the gateway under test in
 * front of the real services. In CI (CI set, as .ci/run does) a missing browser fails the test.
 */
@QuarkusTest
@WithTestResource(ServicesBehindGateway.class)
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void aPartnerSeesTheTrajectoryTransitionsAndAdviceOfItsCompany() throws Exception {
        Path chromium = executable("chromium", "chromium-browser", "google-chrome");
        Path driverBinary = executable("chromedriver");
        if (chromium == null || driverBinary == null) {
            String missing = "headless Chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }

        Partner partner = newPartner("Dashboard portal");
        String company = registerCompany(partner, "Aerolíneas del Sur S.A.");
        for (int level : new int[] {2, 3, 2}) {
            answerEverything(partner, startAssessment(partner, company), level);
        }
        await().untilAsserted(() -> as(partner).get("/api/v1/companies/" + company + "/trajectory").then()
                .statusCode(200).body("points.size()", equalTo(63))
                .body("transitions.size()", equalTo(3)));
        await().untilAsserted(() -> as(partner).get("/api/v1/companies/" + company + "/advice").then()
                .body("items.trigger.type", hasItem("PHASE_DROPPED")));
        List<String> adviceTriggers = as(partner).get("/api/v1/companies/" + company + "/advice?size=100")
                .path("items.trigger.type");

        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1440,1100", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            // The page re-renders lists as data arrives: an element found a moment ago may be gone.
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);
            browser.get(dashboard.toString());
            // The page runs under a Content-Security-Policy: whatever it would block is a broken dashboard.
            browser.executeScript("window.cspViolations = [];"
                    + "document.addEventListener('securitypolicyviolation',"
                    + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(partner.apiKey());
            browser.findElement(By.cssSelector("#key-form button")).click();

            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-company-id='" + company + "']"))).click();
            WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#trajectory-chart[data-points]")));
            JavascriptExecutor js = browser;
            Object points = js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".find(s => s.id === 'index').data.length", chart);
            Object transitions = js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".find(s => s.id === 'transitions').data.map(d => (d.from === null ? '-' : d.from) + '>' + d.to).join(',')", chart);
            Object assessmentMarkers = js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".find(s => s.id === 'index').markLine.data.length", chart);
            Object bands = js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".find(s => s.id === 'phase-bands').markArea.data.length", chart);
            assertEquals(63L, ((Number) points).longValue());
            assertEquals("->2,2>3,3>2", transitions);
            assertEquals(3L, ((Number) assessmentMarkers).longValue());
            assertEquals(4L, ((Number) bands).longValue());
            assertEquals("3", browser.findElement(By.id("matrix-chart")).getAttribute("data-stops"));

            List<WebElement> advice = browser.findElements(By.cssSelector("#advice-list > li"));
            assertEquals(adviceTriggers, advice.stream().map(item -> item.getAttribute("data-trigger")).toList(),
                    "every piece of advice, newest first");
            String englishTitle = browser.findElement(By.cssSelector("#advice-list > li b")).getText();
            assertEquals(10, browser.findElements(By.cssSelector("#dimension-rows tr")).size());
            // Its group among every partner's companies (other tests' companies may make it large enough to show).
            String summary = browser.findElement(By.id("summary")).getText();
            assertTrue(summary.contains("Percentile among comparable companies") && summary.contains("retail · ES · LARGE"),
                    summary);

            Path screenshot = Path.of("target", "dashboard.png");
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot with something on it");

            browser.findElement(By.id("lang-es")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#company figcaption"), "Índice de madurez en el tiempo"));
            wait.until(driver -> !driver.findElement(By.cssSelector("#advice-list > li b")).getText().equals(englishTitle));
            assertNotEquals(englishTitle, browser.findElement(By.cssSelector("#advice-list > li b")).getText());
            assertEquals(List.of(), browser.executeScript("return window.cspViolations"),
                    "nothing the dashboard does is blocked by its security policy");
        } finally {
            browser.quit();
        }
    }

    private static Path executable(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
