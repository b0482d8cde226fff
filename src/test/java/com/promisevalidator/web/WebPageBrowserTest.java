package com.promisevalidator.web;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The rep's page at / in a real headless chromium: sign in with a rep key, check a quote promised too early, read the
 * correction and its reason, commit the recommended promise with one click and find it among the rep's open
 * promises; the same on a phone-wide (390 px) window; axe-core finds no serious or critical violation; bad input is
 * shown next to its field; a Portuguese browser gets Portuguese reasons; an answer whose quote was edited afterwards
 * cannot be committed until checked again; a split delivery lists its shipments; a service start names its clock's
 * zone; a half-typed or past date or start is refused under its field; the rep's own record is apart from the reasons
 * read to the customer; an at-risk promise says what holds now. Screenshots land in target/screenshots/.
 */
@QuarkusTest
class WebPageBrowserTest {

    private static final String SUFFIX = suffix();
    private static final String SITE = "WEB-" + SUFFIX;
    private static final String REGION = "WR-" + SUFFIX;
    private static final String SKU = "WSKU-" + SUFFIX;
    /** 5 on the shelf and 100 more arriving on day(7): an order of 20 is offered as a split delivery. */
    private static final String SHORT_SKU = "WSHORT-" + SUFFIX;
    private static final String SERVICE = "WSVC-" + SUFFIX;
    private static final String ALICE = "test-key-alice";
    private static boolean seeded;

    @TestHTTPResource("/")
    URL page;

    private static String suffix() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** A warehouse in São Paulo time with stock and a lane whose own history says deliveries take 2 days (another rep's, so alice's record stays as other tests left it). */
    @BeforeEach
    void seed() {
        if (seeded) return;
        put("/api/v1/sites/" + SITE, """
                {"name":"Web test DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":500}}""");
        put("/api/v1/sites/" + SITE + "/lanes/" + REGION, "{\"transitDays\":2}");
        put("/api/v1/sites/" + SITE + "/stock/" + SKU, "{\"onHand\":500}");
        put("/api/v1/sites/" + SITE + "/stock/" + SHORT_SKU, "{\"onHand\":5,\"inbound\":[{\"quantity\":100,\"arrives\":\"" + date(7) + "\"}]}");
        List<String> rows = new ArrayList<>();
        rows.add("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity");
        LocalDate d = day(-29); // a Monday; three 2-day deliveries a working day until day(-4)
        for (int i = 0; i < 60; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() > 5) continue;
            for (String t : new String[]{"09:00", "10:00", "11:00"}) {
                rows.add(String.join(",", "DELIVERY", SITE + "-H" + i++, SITE, REGION, "", "web-" + SUFFIX, d + "T" + t + ":00-03:00",
                        d.plusDays(5).toString(), d.plusDays(2) + "T16:00:00-03:00", "", "", "1"));
            }
        }
        given().contentType("text/csv").body(String.join("\n", rows) + "\n").when().post("/api/v1/history/import")
                .then().statusCode(200).body("imported", equalTo(60));
        seeded = true;
    }

    private static void put(String path, String json) {
        given().contentType(ContentType.JSON).body(json).when().put(path).then().statusCode(200);
    }

    @Test
    void repCorrectsATooEarlyQuoteAndCommitsIt() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            checkCorrectAndCommit(b, "desktop");
        }
    }

    @Test
    void theSameOnAPhoneWideWindow() throws IOException {
        try (Browser b = Browser.open(390, 844, "en-US")) {
            checkCorrectAndCommit(b, "phone");
            assertEquals(390L, ((Number) b.js("return window.innerWidth")).longValue(), "the viewport is 390 px wide");
            assertTrue(((Number) b.js("return document.documentElement.scrollWidth")).longValue() <= 390,
                    "nothing is wider than the phone: no sideways scrolling");
        }
    }

    @Test
    void noSeriousAccessibilityViolations() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "sign-in screen");
            signIn(b, ALICE);
            askTooEarly(b);
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reasons")));
            b.wait.until(d -> !d.findElements(By.cssSelector("#list-OPEN .promises, #list-OPEN .empty")).isEmpty());
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "quote, answer and promise list");
            // the keyboard alone reaches the commit button (Tab from the Check button), and its focus is visible
            b.js("document.getElementById('check').focus()");
            WebElement commit = b.driver.findElement(By.id("commit-recommended"));
            for (int i = 0; i < 10 && !commit.equals(b.driver.switchTo().activeElement()); i++) {
                new Actions(b.driver).sendKeys(Keys.TAB).perform();
            }
            assertEquals(commit, b.driver.switchTo().activeElement(), "Tab reaches 'Commit this promise'");
            assertFalse("none".equals(commit.getCssValue("outline-style")), "the focused button shows its focus ring");
        }
    }

    @Test
    void badInputIsShownNextToItsField() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key"))).sendKeys("not-a-key");
            b.driver.findElement(By.id("sign-in-btn")).click();
            WebElement keyError = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-key")));
            assertTrue(keyError.getText().contains("not accepted"), keyError.getText());
            assertEquals("true", b.driver.findElement(By.id("key")).getAttribute("aria-invalid"));

            WebElement key = b.driver.findElement(By.id("key"));
            key.clear();
            key.sendKeys("test-key-ops");
            b.driver.findElement(By.id("sign-in-btn")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-key"), "cannot check quotes"));
            assertTrue(b.driver.findElement(By.id("app")).getAttribute("hidden") != null, "an ops key does not open the quote form");

            signIn(b, ALICE);
            fillDelivery(b, "NO-SUCH-" + SUFFIX, "1");
            b.driver.findElement(By.id("check")).click();
            WebElement skuError = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-lines-0-sku")));
            assertTrue(skuError.getText().contains("NO-SUCH-" + SUFFIX), "the 422 names the unknown SKU under its field: " + skuError.getText());
            assertEquals("true", b.driver.findElement(By.cssSelector("#lines .sku")).getAttribute("aria-invalid"));
            assertEquals("alert", b.driver.findElement(By.id("err-form")).getAttribute("role"), "form-wide errors (429, unreachable) are announced");
            b.screenshot("error-unknown-sku");
        }
    }

    /** Minutes that are not a number are said under their field before anything is asked of the service. */
    @Test
    void minutesThatAreNotANumberAreShownUnderTheirField() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "America/Sao_Paulo", "WSVC3-" + SUFFIX, date(1) + "T10:00", "45 min");
            b.driver.findElement(By.id("check")).click();
            WebElement error = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-promisedMinutes")));
            assertEquals("Enter the minutes as a number, e.g. 45.5.", error.getText());
            assertEquals("true", b.driver.findElement(By.id("promisedMinutes")).getAttribute("aria-invalid"));
            assertTrue(b.driver.findElements(By.id("verdict")).isEmpty() || !b.driver.findElement(By.id("verdict")).isDisplayed(),
                    "nothing was asked");
        }
    }

    @Test
    void aPortugueseBrowserGetsPortugueseReasons() throws IOException {
        try (Browser b = Browser.open(1280, 900, "pt-BR")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            askTooEarly(b);
            String shown = reasonText(b, "LEAD_TIME");
            String portuguese = apiReason("pt-BR", "LEAD_TIME");
            assertEquals(portuguese, shown, "the page shows the reason the service worded for the browser's language");
            assertFalse(portuguese.equals(apiReason("en", "LEAD_TIME")), "Portuguese wording differs from English");
            assertEquals("pt", b.js("return document.documentElement.lang"), "the page's own words are Portuguese too");
            assertEquals("Checar", b.driver.findElement(By.id("check")).getText());
            b.screenshot("portuguese");
        }
    }

    /** An answer commits the quote it was checked for: once the form says something else, it must be checked again. */
    @Test
    void anEditedQuoteCannotBeCommittedUntilCheckedAgain() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            askTooEarly(b);
            WebElement commit = b.driver.findElement(By.id("commit-recommended"));
            assertTrue(commit.isEnabled(), "a fresh answer can be committed");
            String newest = newestPromiseOfAlice();

            String customer = "GLOBEX-" + SUFFIX;
            b.driver.findElement(By.id("customer")).sendKeys(customer);
            WebElement note = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stale")));
            assertTrue(note.getText().contains("Check again"), note.getText());
            for (WebElement button : b.driver.findElements(By.cssSelector("#answer-body .offer button"))) {
                assertFalse(button.isEnabled(), "a stale answer's commit buttons are off: " + button.getAttribute("id"));
                assertEquals("stale", button.getAttribute("aria-describedby"), "and say why to a screen reader");
            }
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "the stale answer");
            b.screenshot("stale-answer");

            // even a click that gets through (a re-enabled button) books nothing: the page refuses to commit a stale answer
            b.js("arguments[0].disabled = false; arguments[0].click();", commit);
            ((JavascriptExecutor) b.driver).executeAsyncScript("setTimeout(arguments[arguments.length - 1], 1500)"); // time for a request, were one sent
            assertTrue(b.driver.findElements(By.id("committed")).isEmpty(), "no commit was made");
            assertEquals(newest, newestPromiseOfAlice(), "no new promise of alice's");

            // checked again, the answer is for the form as it is now, and the promise carries the new customer
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("stale")));
            b.wait.until(ExpectedConditions.elementToBeClickable(By.id("commit-recommended"))).click();
            String promiseId = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed"))).getAttribute("data-promise-id");
            assertEquals(customer, given().when().get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().path("customer"));
        }
    }

    /** A split delivery is titled as one and lists each shipment's quantity and date, as the service answered them. */
    @Test
    void aSplitDeliveryListsItsShipments() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SHORT_SKU, "20");
            b.driver.findElement(By.id("check")).click();
            WebElement split = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//div[contains(@class,'offer')][.//ul[contains(@class,'parts')]]")));

            JsonPath api = given().header("X-API-Key", ALICE).contentType(ContentType.JSON)
                    .body("""
                            {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":20}]}"""
                            .formatted(SITE, REGION, SHORT_SKU))
                    .when().post("/api/v1/promises/validate").then().statusCode(200).extract().jsonPath();
            List<String> dates = api.getList("alternatives.find { it.kind == 'SPLIT' }.parts.promisedBy");
            assertEquals(2, dates.size(), "the service offers a split in two: " + api.prettify());

            assertEquals("Split delivery from " + SITE, split.findElement(By.cssSelector(".what")).getText());
            List<WebElement> shown = split.findElements(By.cssSelector(".parts li"));
            assertEquals(dates, shown.stream().map(li -> li.getAttribute("data-promised-by")).toList(), "each shipment's date");
            assertEquals(List.of("5", "15"), shown.stream().map(li -> li.getAttribute("data-quantity")).toList(), "5 now, 15 after the inbound");
            assertTrue(shown.get(0).getText().startsWith("5 × " + SHORT_SKU + " by "), shown.get(0).getText());
            assertTrue(shown.get(1).getText().startsWith("15 × " + SHORT_SKU + " by "), shown.get(1).getText());
            assertTrue(split.findElements(By.tagName("button")).isEmpty(), "a split is not committed by one click");
            assertTrue(split.findElement(By.cssSelector(".split-note")).getText().contains("separate promises"),
                    "and says how it is committed: " + split.getText());
            assertFalse(shown.get(0).getText().equals(shown.get(1).getText()), "two shipments on two dates");
            b.js("arguments[0].scrollIntoView({block:'center'})", split);
            b.screenshot("split-delivery");
        }
    }

    /** A service start is shown in the garage's time with its zone, and in the device's (here UTC) too, as they differ. */
    @Test
    void aServiceStartSaysWhichClockItIsOn() throws IOException {
        put("/api/v1/sites/" + SITE + "/services/" + SERVICE, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":30}""");
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
            b.driver.get(page.toString());
            signIn(b, ALICE);
            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            b.driver.findElement(By.id("garage")).sendKeys(SITE);
            b.driver.findElement(By.id("serviceType")).sendKeys(SERVICE);
            b.driver.findElement(By.id("check")).click();
            String shown = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recommended .what"))).getText();

            String startAt = given().header("X-API-Key", ALICE).contentType(ContentType.JSON)
                    .body("{\"type\":\"SERVICE\",\"site\":\"%s\",\"serviceType\":\"%s\"}".formatted(SITE, SERVICE))
                    .when().post("/api/v1/promises/validate").then().statusCode(200).extract().path("recommended.startAt");
            OffsetDateTime start = OffsetDateTime.parse(startAt);
            assertEquals(ZoneOffset.ofHours(-3), start.getOffset(), "the answer speaks in the garage's (São Paulo) time");
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("hh:mm a", Locale.US);
            String there = clock.format(start) + " GMT-3";
            String here = clock.format(start.withOffsetSameInstant(ZoneOffset.UTC)) + " UTC on this device";
            assertTrue(shown.contains(there) && shown.contains(here), "the garage's time and the device's, each with its zone: " + shown);
            b.screenshot("service-start");
        }
    }

    /**
     * The asked delivery holds and the recommended one is earlier: both are shown, each with its own button, and each
     * button books the promise it names (a bare decisionId books the asked one, so the recommended one names itself).
     */
    @Test
    void whenTheAskedDeliveryHoldsEachButtonCommitsThePromiseBesideIt() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "3");
            setValue(b, "promisedBy", date(21));

            // the recommended one first: its button must not book the asked date
            String recommended = checkAndCommit(b, "recommended", "APPROVED");
            assertTrue(LocalDate.parse(recommended).isBefore(day(21)), "a 2-day lane recommends earlier than 3 weeks: " + recommended);
            JsonPath p = promise(b);
            assertEquals(recommended, p.getString("promisedBy"), "'Commit this one' beside the recommended promise books it");
            assertEquals(SITE, p.getString("site"));
            b.screenshot("asked-holds-recommended-committed");

            // checked again (a new decision), the asked one's button books the asked date
            assertEquals(date(21), checkAndCommit(b, "asked", "APPROVED"));
            p = promise(b);
            assertEquals(date(21), p.getString("promisedBy"), "'Commit this promise' beside the asked promise books it");
            assertEquals(SITE, p.getString("site"));
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "the asked and the recommended promise, committed");
        }
    }

    /**
     * Probe rep L3: two buttons of one answer pressed at once make one promise (a decision commits once), and the page says
     * so plainly with every button off, not a red alert of ids beside a live button.
     */
    @Test
    void twoButtonsOfOneAnswerPressedAtOnceMakeOnePromise() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "1");
            setValue(b, "promisedBy", date(21));
            b.driver.findElement(By.id("check")).click();
            b.wait.until(d -> !d.findElements(By.id("commit-recommended")).isEmpty() && !d.findElements(By.id("commit-asked")).isEmpty());
            b.js("document.getElementById('commit-asked').click(); document.getElementById('commit-recommended').click();");
            b.wait.until(d -> d.findElements(By.cssSelector("#answer-body .offer button")).stream().noneMatch(WebElement::isEnabled)
                    && !d.findElements(By.id("committed")).isEmpty());
            assertEquals(1, b.driver.findElements(By.id("committed")).size());
            assertTrue(b.driver.findElements(By.id("commit-problem")).isEmpty(), "no red alert for the second click");
            JsonPath p = promise(b);
            assertEquals("OPEN", p.getString("status"));
        }
    }

    /**
     * The same for a service: 60.25 minutes asked holds, fewer are recommended; each button books its own minutes, and the
     * page says 60.25 minutes (kept to 0.01), not 60.3, in the confirmation and in My promises. The rep types "60,25" in an
     * English browser: a decimal comma is a decimal whatever the browser's language (a number input read it as 6025).
     */
    @Test
    void whenTheAskedServiceHoldsEachButtonCommitsThePromiseBesideIt() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "America/Sao_Paulo", "WSVC2-" + SUFFIX, date(1) + "T10:00", "60,25");

            String recommended = checkAndCommit(b, "recommended", "APPROVED");
            double fewer = Double.parseDouble(recommended);
            assertTrue(fewer < 60.25, "fewer minutes are recommended: " + recommended);
            JsonPath p = promise(b);
            assertEquals(fewer, p.getDouble("promisedMinutes"), 1e-5, "'Commit this one' beside the recommended promise books its minutes");

            assertEquals("60.25", checkAndCommit(b, "asked", "APPROVED"));
            assertTrue(b.driver.findElement(By.cssSelector("#asked .what")).getText().startsWith("60.25 minutes at " + SITE),
                    b.driver.findElement(By.cssSelector("#asked .what")).getText());
            String committed = b.driver.findElement(By.id("committed")).getText();
            assertTrue(committed.startsWith("Committed: 60.25 minutes"), "minutes to 0.01, as booked: " + committed);
            p = promise(b);
            assertEquals(60.25, p.getDouble("promisedMinutes"), 1e-5, "'Commit this promise' beside the asked promise books it");
            assertEquals(OffsetDateTime.parse(date(1) + "T10:00:00-03:00").toInstant(), OffsetDateTime.parse(p.getString("startAt")).toInstant());
            WebElement listed = findInOpenList(b, p.getString("promiseId"));
            assertTrue(listed.getText().contains("60.25 minutes"), "My promises too: " + listed.getText());
            b.screenshot("service-asked-committed");
        }
    }

    /** Probe kinds: a job of hours or days was said in minutes alone ("5,600 minutes"); the page says hours too, as the reasons do. */
    @Test
    void minutesOfHoursAreAlsoSaidInHours() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "America/Sao_Paulo", "WSVC5-" + SUFFIX, date(1) + "T10:00", "150");

            assertEquals("150", checkAndCommit(b, "asked", "APPROVED"));
            String what = b.driver.findElement(By.cssSelector("#asked .what")).getText();
            assertTrue(what.startsWith("150 minutes (2 hours and 30 minutes) at " + SITE), what);
            assertTrue(b.driver.findElement(By.id("committed")).getText().contains("150 minutes (2 hours and 30 minutes)"),
                    b.driver.findElement(By.id("committed")).getText());
        }
    }

    /**
     * Probe rep H1: minutes asked without a start that hold at the first free start are shown as "Your promise" there, and
     * its button books those minutes (it used to offer, and book, the recommended ones only).
     */
    @Test
    void minutesAskedWithoutAStartAreYourPromiseAtTheFirstFreeStart() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "America/Sao_Paulo", "WSVC3-" + SUFFIX, date(1) + "T10:00", "75");
            setValue(b, "startAt", "");

            assertEquals("75", checkAndCommit(b, "asked", "APPROVED"));
            JsonPath p = promise(b);
            assertEquals(75, p.getDouble("promisedMinutes"), 1e-5, "the minutes asked are the promise booked");
            assertEquals(75, java.time.Duration.between(OffsetDateTime.parse(p.getString("holds.bayFrom")).toInstant(),
                    OffsetDateTime.parse(p.getString("holds.bayUntil")).toInstant()).toMinutes());
        }
    }

    /**
     * Alice, signed in, asks a delivery and gets an ALTERNATIVE (faked) whose reasons are a LEAD_TIME warning and
     * {@code secondReason} (a reason's JSON); returns once the reasons show.
     */
    private void answerWithASecondReason(Browser b, String secondReason) {
        b.driver.get(page.toString());
        signIn(b, ALICE);
        fakeValidate(b, """
                { "decisionId": "d-web-%s", "verdict": "ALTERNATIVE", "confidence": 0.2, "targetConfidence": 0.9,
                  "recommended": { "site": "%s", "promisedBy": "%s", "confidence": 0.95 },
                  "reasons": [{ "code": "LEAD_TIME", "severity": "WARNING", "message": "Deliveries take 2 days." }, %s] }"""
                .formatted(UUID.randomUUID(), SITE, LocalDate.now().plusDays(9), secondReason));
        fillDelivery(b, SKU, "2");
        b.driver.findElement(By.id("check")).click();
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reasons")));
    }

    /**
     * Probe rep M2: a region the service does not know, but one like it, is said under the region field and apart from the
     * reasons read to the customer; a warning among those reasons is marked as one for a screen reader too.
     */
    @Test
    void aRegionLikeAKnownOneIsSaidUnderItsFieldAndWarningsAreMarked() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            answerWithASecondReason(b, """
                    { "code": "REGION_UNKNOWN", "severity": "WARNING", "message": "We have no deliveries to rj.",
                      "evidence": { "region": "rj", "didYouMean": "RJ" } }""");
            assertEquals("Did you mean RJ? Codes are case-sensitive.", b.driver.findElement(By.id("err-region")).getText());
            assertEquals(List.of("LEAD_TIME"), b.driver.findElements(By.cssSelector("#reasons li")).stream()
                    .map(li -> li.getAttribute("data-code")).toList(), "the reasons for the customer");
            assertEquals(1, b.driver.findElements(By.cssSelector("#for-you li[data-code=REGION_UNKNOWN]")).size());
            assertEquals("Warning: ", b.driver.findElement(By.cssSelector("#reasons li[data-code=LEAD_TIME] .visually-hidden"))
                    .getAttribute("textContent"));
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "a marked warning");
        }
    }

    /** Probe I1-3: the asked start under "Your promise" reads in the garage's time, like the answer's starts, not the device's alone. */
    @Test
    void theAskedStartReadsInTheGaragesTimeOnADeviceElsewhere() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "UTC", "WSVC3-" + SUFFIX, date(1) + "T13:00", "60"); // 10:00 at the garage (-03:00)
            b.driver.findElement(By.id("check")).click();
            String asked = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#asked .what"))).getText();
            assertTrue(asked.contains("10:00 AM GMT-3") && asked.contains("on this device"), "the garage's time first: " + asked);
        }
    }

    /** After a commit from the keyboard, focus is on the confirmation (not <body>), and Tab goes on from there. */
    @Test
    void afterACommitTheKeyboardContinuesFromTheConfirmation() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            askTooEarly(b);
            WebElement commit = b.wait.until(ExpectedConditions.elementToBeClickable(By.id("commit-recommended")));
            b.js("arguments[0].focus()", commit);
            new Actions(b.driver).sendKeys(Keys.ENTER).perform();
            WebElement done = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed")));
            b.wait.until(d -> done.equals(d.switchTo().activeElement()));
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            assertEquals("refresh", b.driver.switchTo().activeElement().getAttribute("id"),
                    "Tab goes on to the next control after the answer, not back to the skip link");
        }
    }

    /**
     * Cancel from My promises: "Cancel" asks again inline ("Confirm cancel" / "Keep it", no window.confirm), the confirmed
     * cancel is a DELETE with the rep's key (the promise becomes CANCELLED), the list is refreshed without it and the
     * result is announced in a status region that takes the focus.
     */
    @Test
    void aRepCancelsAnOpenPromiseFromMyPromises() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "1");
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.elementToBeClickable(By.id("commit-recommended"))).click();
            String promiseId = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed"))).getAttribute("data-promise-id");

            WebElement item = findInOpenList(b, promiseId);
            assertEquals("Status: Open", item.findElement(By.cssSelector(".status")).getText());
            WebElement cancel = item.findElement(By.cssSelector("button.cancel"));
            assertEquals("Cancel", cancel.getText());
            b.js("arguments[0].scrollIntoView({block:'center'})", cancel);
            cancel.click();
            WebElement confirm = item.findElement(By.cssSelector("button.confirm-cancel"));
            assertEquals(confirm, b.driver.switchTo().activeElement(), "the confirm step takes the focus");
            assertTrue(confirm.getAttribute("aria-label").startsWith("Confirm cancel"), confirm.getAttribute("aria-label"));
            assertEquals("OPEN", given().when().get("/api/v1/promises/" + promiseId).then().extract().path("status"), "nothing cancelled yet");
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "a promise asking to confirm its cancel");
            b.screenshot("cancel-confirm");

            // "Keep it" goes back, focus on Cancel
            item.findElement(By.cssSelector("button.keep")).click();
            WebElement again = item.findElement(By.cssSelector("button.cancel"));
            assertEquals(again, b.driver.switchTo().activeElement());
            again.click();
            item.findElement(By.cssSelector("button.confirm-cancel")).click();

            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mine-status"), "Cancelled"));
            WebElement status = b.driver.findElement(By.id("mine-status"));
            assertEquals("status", status.getAttribute("role"), "the result is announced");
            assertTrue(status.getText().contains(promiseId), status.getText());
            assertEquals(status, b.driver.switchTo().activeElement(), "focus on the announcement, not <body>");
            assertEquals("CANCELLED", given().when().get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().path("status"));
            b.wait.until(d -> d.findElements(By.cssSelector("#list-OPEN li[data-promise-id='" + promiseId + "']")).isEmpty());
            assertTrue(b.driver.findElement(By.id("committed")).getText().startsWith("Cancelled"),
                    "the answer no longer says the promise is open: " + b.driver.findElement(By.id("committed")).getText());

            // probe P14-L5: Refresh shows the lists as they are now; the line about the cancel goes with the old list
            b.driver.findElement(By.id("refresh")).click();
            b.wait.until(d -> d.findElement(By.id("mine-status")).getText().isEmpty());
        }
    }

    /**
     * Sign out leaves nothing of the rep's quote behind and says so; signing in again fills each picker once, service
     * types included (from GET /api/v1/sites).
     */
    @Test
    void signOutClearsTheQuoteAndThePickersFillOnce() throws IOException {
        put("/api/v1/sites/" + SITE + "/services/" + SERVICE, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":30}""");
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "2");
            b.driver.findElement(By.id("customer")).sendKeys("ACME-" + SUFFIX);
            b.driver.findElement(By.id("sign-out")).click();
            WebElement said = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
            assertEquals("Signed out.", said.getText());
            assertEquals("status", said.getAttribute("role"));
            signIn(b, ALICE);
            assertEquals("", b.driver.findElement(By.id("customer")).getAttribute("value"), "the previous quote's customer is gone");
            assertEquals("", b.driver.findElement(By.id("region")).getAttribute("value"));
            assertEquals(1, b.driver.findElements(By.cssSelector("#lines .line")).size(), "one empty line");
            assertEquals("", b.driver.findElement(By.cssSelector("#lines .sku")).getAttribute("value"));
            assertTrue(b.driver.findElement(By.id("signed-out")).getText().isEmpty(), "signed in again: no 'Signed out'");
            b.wait.until(d -> !d.findElements(By.cssSelector("#service-types option[value='" + SERVICE + "']")).isEmpty());
            // the test site ships (stock) and is a garage (a service): once in each picker, the ship-from one after its stock is read
            b.wait.until(d -> !d.findElements(By.cssSelector("#ship-sites option[value='" + SITE + "']")).isEmpty());
            for (String list : List.of("ship-sites", "garages")) {
                assertEquals(1L, ((Number) b.js("return [...document.querySelectorAll('#' + arguments[1] + ' option')].filter(o => o.value === arguments[0]).length",
                        SITE, list)).longValue(), "each site once, however often the rep signs in: " + list);
            }

            // the regions alice checked quotes to are hers: bob, at the same browser next, is not offered them
            String hers = "WHERS-" + SUFFIX;
            b.driver.findElement(By.id("region")).sendKeys(hers);
            b.driver.findElement(By.id("site")).sendKeys(SITE);
            b.driver.findElement(By.cssSelector("#lines .sku")).sendKeys(SKU);
            b.driver.findElement(By.cssSelector("#lines .quantity")).sendKeys("1");
            b.driver.findElement(By.id("check")).click();
            b.wait.until(d -> !d.findElements(By.cssSelector("#regions option[value='" + hers + "']")).isEmpty());
            b.driver.findElement(By.id("sign-out")).click();
            signIn(b, "test-key-bob", "bob");
            b.wait.until(d -> !d.findElements(By.cssSelector("#ship-sites option[value='" + SITE + "']")).isEmpty());
            assertTrue(b.driver.findElements(By.cssSelector("#regions option[value='" + hers + "']")).isEmpty(), "not alice's regions for bob");
            b.driver.findElement(By.id("sign-out")).click();
            signIn(b, ALICE);
            b.wait.until(d -> !d.findElements(By.cssSelector("#regions option[value='" + hers + "']")).isEmpty());
        }
    }

    /**
     * Probe P14-M6: a date or start the browser could not read (half typed: its value is "", validity.badInput) is said
     * under its field and nothing is asked; it is not answered as "no date" / "the next free slot".
     */
    @Test
    void aHalfTypedDateOrStartIsSaidUnderItsFieldAndNotSent() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "2");
            countValidateCalls(b);
            WebElement date = b.driver.findElement(By.id("promisedBy"));
            date.click();
            date.sendKeys("1210"); // month and day; the year left "yyyy"
            assertEquals(true, b.js("return document.getElementById('promisedBy').validity.badInput"), "the browser could not read it");
            assertEquals("", date.getAttribute("value"));
            b.driver.findElement(By.id("check")).click();
            WebElement error = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-promisedBy")));
            assertEquals("Finish the date (day, month and year), or clear it.", error.getText());
            assertEquals("true", date.getAttribute("aria-invalid"));
            assertEquals(date, b.driver.switchTo().activeElement(), "the focus goes to the field to finish");
            assertEquals(0L, validateCalls(b), "nothing was asked");
            assertTrue(b.driver.findElements(By.id("verdict")).isEmpty(), "no answer");

            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            b.driver.findElement(By.id("garage")).sendKeys(SITE);
            b.driver.findElement(By.id("serviceType")).sendKeys(SERVICE);
            WebElement start = b.driver.findElement(By.id("startAt"));
            start.click();
            start.sendKeys("12152026"); // the date; the time left "--:-- --"
            assertEquals(true, b.js("return document.getElementById('startAt').validity.badInput"));
            b.driver.findElement(By.id("check")).click();
            WebElement startError = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-startAt")));
            assertEquals("Finish the start (date and time), or clear it.", startError.getText());
            assertEquals("true", start.getAttribute("aria-invalid"));
            assertEquals(0L, validateCalls(b), "nothing was asked");
            b.screenshot("half-typed-start");
        }
    }

    /**
     * Probe P14-M5: the page is for promises made now. A start that has passed (or a delivery date before today) is
     * refused under its field before anything is asked; the service would answer it "as of then" (replays), which
     * looked like a promise that holds with buttons that could only fail.
     */
    @Test
    void aStartOrDateThatHasPassedIsRefusedUnderItsField() throws IOException {
        String twoDaysAgo = LocalDate.now().minusDays(2).toString(); // the browser's clock, the real one
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askService(b, "America/Sao_Paulo", "WSVC3-" + SUFFIX, twoDaysAgo + "T10:00", "50");
            countValidateCalls(b);
            b.driver.findElement(By.id("check")).click();
            WebElement error = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-startAt")));
            assertTrue(error.getText().startsWith("This start has already passed"), error.getText());
            assertEquals("true", b.driver.findElement(By.id("startAt")).getAttribute("aria-invalid"));
            assertEquals(0L, validateCalls(b), "nothing was asked");
            assertTrue(b.driver.findElements(By.id("verdict")).isEmpty(), "no green 'Holds'");

            b.driver.findElement(By.cssSelector("input[name=type][value=DELIVERY]")).click();
            fillDelivery(b, SKU, "2");
            setValue(b, "promisedBy", twoDaysAgo);
            b.driver.findElement(By.id("check")).click();
            WebElement dateError = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-promisedBy")));
            assertTrue(dateError.getText().startsWith("This date has already passed"), dateError.getText());
            assertEquals(0L, validateCalls(b), "nothing was asked");
        }
    }

    /**
     * Probe P14-M5, the service's side: an answer that says the start has passed (START_PASSED: the device's clock is
     * behind the service's) is not shown as "Holds", and offers no commit; an offered start that has passed says so.
     */
    @Test
    void anAnswerWhoseStartHasPassedOffersNothingToCommit() throws IOException {
        String past = LocalDate.now().minusDays(5) + "T10:00:00-03:00";
        String later = LocalDate.now().plusDays(5) + "T10:00:00-03:00";
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            fakeValidate(b, """
                    { "decisionId": "d-web", "verdict": "APPROVED", "confidence": 0.94, "targetConfidence": 0.9,
                      "recommended": { "site": "G", "startAt": "%s", "promisedMinutes": 48, "confidence": 0.9 },
                      "alternatives": [{ "site": "G", "startAt": "%s", "promisedMinutes": 48, "confidence": 0.9 }],
                      "reasons": [{ "code": "START_PASSED", "severity": "WARNING", "message": "The asked start has already passed." }] }"""
                    .formatted(past, later));
            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            b.driver.findElement(By.id("garage")).sendKeys("G");
            b.driver.findElement(By.id("serviceType")).sendKeys("X");
            b.driver.findElement(By.id("promisedMinutes")).sendKeys("50");
            b.driver.findElement(By.id("check")).click();
            WebElement verdict = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
            assertEquals("true", verdict.getAttribute("data-passed"));
            assertTrue(verdict.getText().startsWith("The start asked has already passed"), verdict.getText());
            assertFalse(verdict.getText().contains("Holds"), verdict.getText());
            assertTrue(b.driver.findElements(By.cssSelector("#answer-body .offer button")).isEmpty(), "nothing to commit");
            assertTrue(b.driver.findElement(By.id("recommended")).getText().contains("Already passed"), "the past start says so");
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "an answer whose start has passed");
        }
    }

    /**
     * Probe P14-M2: the rep's own track record (REP_RECORD) is not among the reasons read to the customer ("Why"): it
     * is shown apart, for the rep.
     */
    @Test
    void theRepsOwnRecordIsApartFromTheReasonsForTheCustomer() throws IOException {
        try (Browser b = Browser.open(390, 844, "en-US")) {
            answerWithASecondReason(b, """
                    { "code": "REP_RECORD", "severity": "INFO", "message": "alice's promises were kept 57% of the time." }""");
            assertEquals(List.of("LEAD_TIME"), b.driver.findElements(By.cssSelector("#reasons li")).stream()
                    .map(li -> li.getAttribute("data-code")).toList(), "the reasons for the customer");
            WebElement forYou = b.driver.findElement(By.id("for-you"));
            assertTrue(forYou.getText().startsWith("For you, not for the customer"), forYou.getText());
            assertEquals("alice's promises were kept 57% of the time.",
                    forYou.findElement(By.cssSelector("li[data-code=REP_RECORD]")).getText());
            b.js("arguments[0].scrollIntoView({block:'center'})", forYou);
            b.screenshot("phone-for-you");
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "the rep's own note");
        }
    }

    /**
     * Probe P14-M4: an at-risk promise says what to tell the customer now (atRisk.recommended, the realistic promise),
     * and (P14-L1) a chance that rounds to 100% is "more than 99.9%", not a certainty.
     */
    @Test
    void anAtRiskPromiseSaysWhatHoldsNow() throws IOException {
        String promised = LocalDate.now().plusDays(8).toString();
        String now = LocalDate.now().plusDays(14).toString();
        try (Browser b = Browser.open(390, 844, "en-US")) {
            b.driver.get(page.toString());
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
            b.js("""
                    const real = window.fetch;
                    window.fetch = (url, init) => !String(url).includes('status=AT_RISK') ? real(url, init)
                      : Promise.resolve(new Response(arguments[0], { status: 200, headers: { 'content-type': 'application/json' } }));""",
                    """
                    [{ "promiseId": "p-risk", "status": "AT_RISK", "type": "DELIVERY", "rep": "alice", "site": "SP", "region": "RJ",
                       "promisedBy": "%s", "targetConfidence": 0.9, "confidence": 0.95, "currentConfidence": 0.567,
                       "atRisk": { "code": "LEAD_TIME", "reason": "At risk: 56.7%% chance of delivery by then.",
                                   "recommended": { "promisedBy": "%s", "site": "SP", "confidence": 0.9996 } } }]"""
                            .formatted(promised, now));
            signIn(b, ALICE);
            WebElement item = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#list-AT_RISK li[data-promise-id=p-risk]")));
            WebElement holds = item.findElement(By.cssSelector(".holds-now"));
            assertEquals(now, holds.getAttribute("data-promised-by"));
            assertTrue(holds.getText().startsWith("What holds now (tell the customer): Deliver by "), holds.getText());
            assertTrue(holds.getText().endsWith(" from SP · kept more than 99.9% of the time"), holds.getText());
            assertTrue(item.getText().contains("confidence 57%"), item.getText());
            b.js("arguments[0].scrollIntoView({block:'center'})", item);
            b.screenshot("phone-at-risk-holds-now");
        }
    }

    /**
     * Probe P14-L2: a commit whose answer is lost says the promise may already be booked and that pressing again is
     * safe; pressing again books one promise, not two.
     */
    @Test
    void aLostCommitAnswerSaysPressingAgainIsSafe() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            askTooEarly(b);
            b.js("""
                    const real = window.fetch;
                    let lost = false;
                    window.fetch = (url, init) => {
                      const call = real(url, init);
                      if (String(url).endsWith('/api/v1/promises') && init.method === 'POST' && !lost) {
                        lost = true; // it reaches the service; its answer does not come back (the test keeps what it said)
                        return call.then((r) => r.clone().json()).then((p) => {
                          window.lostPromiseId = p.promiseId;
                          throw new TypeError('Failed to fetch');
                        });
                      }
                      return call;
                    };""");
            WebElement commit = b.wait.until(ExpectedConditions.elementToBeClickable(By.id("commit-recommended")));
            commit.click();
            WebElement said = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("commit-problem")));
            assertTrue(said.getText().contains("may already be booked") && said.getText().contains("never makes a second promise"), said.getText());
            String booked = (String) b.js("return window.lostPromiseId");
            assertEquals("OPEN", given().when().get("/api/v1/promises/" + booked).then().statusCode(200).extract().path("status"),
                    "the lost answer's promise was made");
            assertEquals(commit, b.driver.switchTo().activeElement(), "the focus stays on the button to press again");
            commit.click();
            String promiseId = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed"))).getAttribute("data-promise-id");
            assertEquals(booked, promiseId, "pressed again: the promise the lost answer made, not a second one");
        }
    }

    /** Probe P14-L6: the common field errors are said in the page's own words, in Portuguese on a Portuguese page. */
    @Test
    void commonFieldErrorsAreInThePagesLanguage() throws IOException {
        try (Browser b = Browser.open(1280, 900, "pt-BR")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            fillDelivery(b, SKU, "0");
            b.driver.findElement(By.id("check")).click();
            WebElement error = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-lines-0-quantity")));
            assertEquals("Informe uma quantidade de pelo menos 1.", error.getText());
        }
        // probe rep L6: the minutes' range too
        try (Browser b = Browser.open(1280, 900, "pt-BR")) {
            askService(b, "America/Sao_Paulo", "WSVC4-" + SUFFIX, date(1) + "T10:00", "999999");
            b.driver.findElement(By.id("check")).click();
            WebElement error = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-promisedMinutes")));
            assertEquals("Informe mais de 0 minutos (com até 0,01) e no máximo 527040.", error.getText());
        }
    }

    /**
     * Probe P14-L3: a service answer with no minutes asked is "the shortest" promise that holds (a duration), not "the
     * earliest"; a proxy's 502 (no problem+json) is said in plain words, not as a bare status.
     */
    @Test
    void aDurationIsTheShortestAndA502IsSaidInPlainWords() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            fakeValidate(b, """
                    { "decisionId": "d-web", "verdict": "APPROVED", "confidence": 0.95, "targetConfidence": 0.9,
                      "recommended": { "site": "G", "startAt": "%s", "promisedMinutes": 48, "confidence": 0.95 }, "reasons": [] }"""
                    .formatted(LocalDate.now().plusDays(5) + "T10:00:00-03:00"));
            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            b.driver.findElement(By.id("garage")).sendKeys("G");
            b.driver.findElement(By.id("serviceType")).sendKeys("X");
            b.driver.findElement(By.id("check")).click();
            WebElement verdict = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict .big")));
            assertEquals("Here is the shortest promise that holds.", verdict.getText());

            b.js("""
                    window.fetch = () => Promise.resolve(new Response('<html>Bad Gateway</html>',
                        { status: 502, headers: { 'content-type': 'text/html' } }));""");
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-form"), "502"));
            assertEquals("The service had a problem (error 502). Try again in a moment.", b.driver.findElement(By.id("err-form")).getText());
        }
    }

    /** Check keeps the focus while it runs (aria-disabled, not disabled), so Tab goes on from it, not from the top. */
    @Test
    void checkKeepsTheFocus() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            askDelivery(b, SKU, "2");
            WebElement check = b.driver.findElement(By.id("check"));
            b.js("arguments[0].focus()", check);
            new Actions(b.driver).sendKeys(Keys.ENTER).perform();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
            assertEquals(check, b.driver.switchTo().activeElement(), "focus stays on Check");
            assertEquals(null, check.getAttribute("aria-disabled"), "and Check is usable again");
        }
    }

    /** A start in another year says the year (as delivery dates and the service's messages do); one this year does not. */
    @Test
    void aStartInAnotherYearSaysTheYear() throws IOException {
        int next = LocalDate.now().getYear() + 1; // the browser's "this year" is the real one
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
            b.driver.get(page.toString());
            signIn(b, ALICE);
            // the page formats what the service answers: an answer with a start next June and one with a start this January
            b.js("""
                    const real = window.fetch;
                    window.fetch = (url, init) => !String(url).includes('/validate') ? real(url, init)
                      : Promise.resolve(new Response(JSON.stringify({ decisionId: 'd-web', verdict: 'ALTERNATIVE', confidence: 0.5,
                          recommended: { site: 'G', startAt: arguments[0], promisedMinutes: 30, confidence: 0.9 },
                          alternatives: [{ site: 'G', startAt: arguments[1], promisedMinutes: 30, confidence: 0.9 }], reasons: [] }),
                          { status: 200, headers: { 'content-type': 'application/json' } }));""",
                    next + "-06-14T10:00:00-03:00", (next - 1) + "-01-12T10:00:00-03:00");
            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            b.driver.findElement(By.id("garage")).sendKeys("G");
            b.driver.findElement(By.id("serviceType")).sendKeys("X");
            b.driver.findElement(By.id("check")).click();
            String nextJune = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recommended .what"))).getText();
            assertTrue(nextJune.contains("Jun 14, " + next), "the year: " + nextJune);
            String thisJanuary = b.driver.findElement(By.cssSelector("#alternative-0 .what")).getText();
            assertFalse(thisJanuary.contains(String.valueOf(next - 1)), "no year when it is this one: " + thisJanuary);
        }
    }

    private static final String UNREACHABLE = "The service could not be reached. Check the connection and try again.";
    private static final String UNAVAILABLE = "The service is not available just now. Try again in a moment.";

    /**
     * Black-box probe (page) 1: with the service down (no connection, then a 503 with no problem+json, as a proxy says
     * it), the outage is said once, in the banner at the top, not in every panel; the promise lists and the score the rep
     * saw stay as they were, marked as not refreshed; a check says only that it was not made. Back up, Refresh clears all.
     */
    @Test
    void anOutageIsSaidOnceAndTheListsTheRepSawStay() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            b.wait.until(d -> !d.findElements(By.cssSelector("#list-OPEN .promises, #list-OPEN .empty")).isEmpty()
                    && !d.findElements(By.cssSelector("#list-AT_RISK .promises, #list-AT_RISK .empty")).isEmpty()
                    && !d.findElement(By.id("mastery")).getText().isBlank());
            Map<String, String> before = mine(b);
            fillDelivery(b, SKU, "2");

            b.js("window.realFetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
            b.driver.findElement(By.id("refresh")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("outage"), UNREACHABLE));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mine-stale"), "Not refreshed: as they were at "));
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("err-form"), "Not checked. Try again when the service is back."));
            assertEquals(1, timesOnThePage(b, UNREACHABLE), "the outage is said once");
            assertEquals(before, mine(b), "the lists and the score stay as the rep saw them");
            assertEquals("true", b.driver.findElement(By.id("list-OPEN")).getAttribute("data-stale"), "marked as not refreshed");
            assertEquals("alert", b.driver.findElement(By.id("outage")).getAttribute("role"), "the outage is announced");
            assertEquals(List.of(), b.seriousAccessibilityViolations(), "the page with the service down");
            b.screenshot("outage");

            b.js("window.fetch = () => Promise.resolve(new Response('<html>Service Unavailable</html>', { status: 503, headers: { 'content-type': 'text/html' } }));");
            b.driver.findElement(By.id("refresh")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("outage"), UNAVAILABLE));
            b.driver.findElement(By.id("check")).click();
            assertEquals(1, timesOnThePage(b, UNAVAILABLE), "a 503 is said once too");
            assertEquals(0, timesOnThePage(b, UNREACHABLE), "in place of the one before");
            assertEquals(before, mine(b));

            b.js("window.fetch = window.realFetch;");
            b.driver.findElement(By.id("refresh")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("mine-stale"), ""));
            assertEquals("", b.driver.findElement(By.id("outage")).getText(), "back up: no banner");
            assertEquals(null, b.driver.findElement(By.id("list-OPEN")).getAttribute("data-stale"));
        }
    }

    /** What "My promises" shows: each list's and the score's text. */
    private static Map<String, String> mine(Browser b) {
        return Map.of("at risk", b.driver.findElement(By.id("list-AT_RISK")).getText(),
                "open", b.driver.findElement(By.id("list-OPEN")).getText(), "score", b.driver.findElement(By.id("mastery")).getText());
    }

    private static long timesOnThePage(Browser b, String sentence) {
        return ((Number) b.js("return document.body.innerText.split(arguments[0]).length - 1", sentence)).longValue();
    }

    /**
     * Black-box probe (page) 2: ship from offers the sites that ship (stock, or no service: a warehouse), the garage picker
     * the sites with services, and the service types are the chosen garage's (every known type before one is chosen).
     */
    @Test
    void shipFromAndGarageOfferTheirOwnSitesAndTheGaragesOwnServiceTypes() throws IOException {
        String warehouse = "WSHIP-" + SUFFIX, garage = "WGAR-" + SUFFIX, other = "WGAR2-" + SUFFIX, both = "WBOTH-" + SUFFIX;
        String oil = "WOIL-" + SUFFIX, tyres = "WTYRE-" + SUFFIX;
        for (String site : List.of(warehouse, garage, other, both)) {
            put("/api/v1/sites/" + site, """
                    {"name":"Web picker %s","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI"]}""".formatted(site));
        }
        put("/api/v1/sites/" + warehouse + "/stock/" + SKU, "{\"onHand\":10}");
        put("/api/v1/sites/" + both + "/stock/" + SKU, "{\"onHand\":10}");
        String service = """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":30}""";
        put("/api/v1/sites/" + garage + "/services/" + oil, service);
        put("/api/v1/sites/" + other + "/services/" + tyres, service);
        put("/api/v1/sites/" + both + "/services/" + oil, service);
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            b.wait.until(d -> options(b, "ship-sites").containsAll(List.of(warehouse, both)) && options(b, "garages").containsAll(List.of(garage, other, both)));
            assertFalse(options(b, "ship-sites").contains(garage), "a garage with no stock ships nothing: " + options(b, "ship-sites"));
            assertFalse(options(b, "ship-sites").contains(other));
            assertFalse(options(b, "garages").contains(warehouse), "a warehouse is no garage: " + options(b, "garages"));
            assertTrue(options(b, "service-types").containsAll(List.of(oil, tyres)), "no garage chosen: every type");

            b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
            setValue(b, "garage", garage);
            assertEquals(List.of(oil), options(b, "service-types"), "the garage's own service types");
            setValue(b, "garage", other);
            assertEquals(List.of(tyres), options(b, "service-types"));
            setValue(b, "garage", "");
            assertTrue(options(b, "service-types").containsAll(List.of(oil, tyres)));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> options(Browser b, String datalist) {
        return (List<String>) b.js("return [...document.querySelectorAll('#' + arguments[0] + ' option')].map(o => o.value)", datalist);
    }

    /** Black-box probe (page) 3: a 429 with Retry-After 1 says "in a second" (not "1 seconds"), in Portuguese too. */
    @Test
    void tooManyRequestsSaysOneSecondRight() throws IOException {
        tooManyRequests("en-US", "Too many requests just now. Try again in a second.", "Too many requests just now. Try again in 5 seconds.");
        tooManyRequests("pt-BR", "Pedidos demais agora. Tente de novo em um segundo.", "Pedidos demais agora. Tente de novo em 5 segundos.");
    }

    private void tooManyRequests(String language, String oneSecond, String fiveSeconds) throws IOException {
        try (Browser b = Browser.open(1280, 900, language)) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            b.js("""
                    const real = window.fetch;
                    window.retryAfter = '1';
                    window.fetch = (url, init) => !String(url).includes('/validate') ? real(url, init)
                      : Promise.resolve(new Response('{"title":"Too Many Requests","status":429}', { status: 429,
                          headers: { 'content-type': 'application/problem+json', 'Retry-After': window.retryAfter } }));""");
            b.driver.findElement(By.id("region")).sendKeys(REGION);
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("err-form"), oneSecond));
            b.js("window.retryAfter = '5'");
            b.driver.findElement(By.id("check")).click();
            b.wait.until(ExpectedConditions.textToBe(By.id("err-form"), fiveSeconds));
        }
    }

    /**
     * Black-box probe (page) 4: the score reads as the REP_RECORD reason says it (rules/messages*.properties:
     * "delivery mastery {masteryScore}/10", one decimal in the language's way: "5.0/10", "5,0/10"), not "5 / 10".
     */
    @Test
    void theMasteryScoreReadsAsTheReasonsSayIt() throws IOException {
        masteryScore("en-US", "Delivery mastery score 5.0/10 · ");
        masteryScore("pt-BR", "Nota de domínio de entrega 5,0/10 · ");
    }

    private void masteryScore(String language, String said) throws IOException {
        try (Browser b = Browser.open(1280, 900, language)) {
            b.driver.get(page.toString());
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
            b.js("""
                    const real = window.fetch;
                    window.fetch = (url, init) => !String(url).includes('/performance') ? real(url, init)
                      : Promise.resolve(new Response(JSON.stringify({ by: 'rep', groups: [{ key: 'alice',
                          mastery: { n: 10, kept: 6, keptRate: 0.6, keptRateLowerBound: 0.4, lateness: 0, score: 5 } }] }),
                          { status: 200, headers: { 'content-type': 'application/json' } }));""");
            signIn(b, ALICE);
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("score")));
            String shown = b.driver.findElement(By.id("mastery")).getText();
            assertTrue(shown.startsWith(said), shown);
        }
    }

    /** Black-box probe (page) 5: signed in, the keyboard starts at the quote's first field (ship from), not one after it. */
    @Test
    void afterSignInTheFocusIsOnTheQuotesFirstField() throws IOException {
        try (Browser b = Browser.open(1280, 900, "en-US")) {
            b.driver.get(page.toString());
            signIn(b, ALICE);
            b.wait.until(d -> "site".equals(d.switchTo().activeElement().getAttribute("id")));
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            assertEquals("region", b.driver.switchTo().activeElement().getAttribute("id"), "Tab goes on to the destination");
        }
    }

    /** Presses Check, expects {@code verdict}, clicks the commit button of the offer {@code id}, whose aria-label names it; returns its promise (date or minutes). */
    private static String checkAndCommit(Browser b, String id, String verdict) {
        b.driver.findElement(By.id("check")).click();
        b.wait.until(d -> !d.findElements(By.cssSelector("#verdict")).isEmpty() && d.findElements(By.id("committed")).isEmpty()
                && !d.findElements(By.id("commit-" + id)).isEmpty() && d.findElement(By.id("commit-" + id)).isEnabled());
        assertEquals(verdict, b.driver.findElement(By.id("verdict")).getAttribute("data-verdict"));
        WebElement what = b.driver.findElement(By.cssSelector("#" + id + " .what"));
        WebElement button = b.driver.findElement(By.id("commit-" + id));
        assertEquals(button.getText() + ": " + what.getText(), button.getAttribute("aria-label"),
                "the button names the promise beside it, after its visible words (WCAG 2.5.3)");
        String promise = what.getAttribute("data-promised-by") != null ? what.getAttribute("data-promised-by") : what.getAttribute("data-promised-minutes");
        button.click();
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed")));
        return promise;
    }

    /** Fills the delivery form, signed in as alice: the test site and region, one line of {@code quantity} × {@code sku}. */
    private void askDelivery(Browser b, String sku, String quantity) {
        b.driver.get(page.toString());
        signIn(b, ALICE);
        fillDelivery(b, sku, quantity);
    }

    /** The delivery form's site, region and one line, on a page already signed in. */
    private static void fillDelivery(Browser b, String sku, String quantity) {
        b.driver.findElement(By.id("region")).sendKeys(REGION);
        b.driver.findElement(By.id("site")).sendKeys(SITE);
        b.driver.findElement(By.cssSelector("#lines .sku")).sendKeys(sku);
        b.driver.findElement(By.cssSelector("#lines .quantity")).sendKeys(quantity);
    }

    /**
     * Sets up {@code service} at the test site (4 bays, 08:00-18:00, standard 30 minutes) and fills the service form on a
     * device in {@code zone}, signed in as alice: start {@code localStart} (the device's time) and {@code minutes}.
     */
    private void askService(Browser b, String zone, String service, String localStart, String minutes) {
        put("/api/v1/sites/" + SITE + "/services/" + service, """
                {"bays":4,"openingHours":"08:00-18:00","standardMinutes":30}""");
        b.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        b.driver.get(page.toString());
        signIn(b, ALICE);
        b.driver.findElement(By.cssSelector("input[name=type][value=SERVICE]")).click();
        b.driver.findElement(By.id("garage")).sendKeys(SITE);
        b.driver.findElement(By.id("serviceType")).sendKeys(service);
        setValue(b, "startAt", localStart);
        b.driver.findElement(By.id("promisedMinutes")).sendKeys(minutes);
    }

    /** Counts the page's POSTs to /validate from now on (read with {@link #validateCalls}). */
    private static void countValidateCalls(Browser b) {
        b.js("""
                window.validateCalls = 0;
                const real = window.fetch;
                window.fetch = (url, init) => { if (String(url).includes('/validate')) window.validateCalls++; return real(url, init); };""");
    }

    private static long validateCalls(Browser b) {
        return ((Number) b.js("return window.validateCalls")).longValue();
    }

    /** The page's POST /validate answers {@code json} from now on (the page formats what the service answers). */
    private static void fakeValidate(Browser b, String json) {
        b.js("""
                const real = window.fetch;
                window.fetch = (url, init) => !String(url).includes('/validate') ? real(url, init)
                  : Promise.resolve(new Response(arguments[0], { status: 200, headers: { 'content-type': 'application/json' } }));""", json);
    }

    /** The promise the page just committed, as GET /api/v1/promises/{id} says. */
    private static JsonPath promise(Browser b) {
        String id = b.driver.findElement(By.id("committed")).getAttribute("data-promise-id");
        return given().when().get("/api/v1/promises/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static void setValue(Browser b, String id, String value) {
        b.js("const i = document.getElementById(arguments[0]); i.value = arguments[1]; i.dispatchEvent(new Event('input', {bubbles: true}));",
                id, value);
    }

    /** The id of alice's newest promise (or "" when she has none): the list is newest first. */
    private static String newestPromiseOfAlice() {
        List<String> ids = given().header("X-API-Key", ALICE).when().get("/api/v1/promises?limit=1")
                .then().statusCode(200).extract().jsonPath().getList("promiseId");
        return ids.isEmpty() ? "" : ids.get(0);
    }

    // ---- the flow --------------------------------------------------------------------------------

    private void checkCorrectAndCommit(Browser b, String shot) throws IOException {
        b.driver.get(page.toString());
        signIn(b, ALICE);
        askTooEarly(b);

        WebElement verdict = b.driver.findElement(By.id("verdict"));
        assertEquals("ALTERNATIVE", verdict.getAttribute("data-verdict"), "day(0) is too early for a 2-day lane");
        assertTrue(b.driver.findElement(By.id("confidence")).getText().matches(".*\\d+(\\.\\d)?\\s?%.*"), "confidence as a percentage");
        String recommended = b.driver.findElement(By.cssSelector("#recommended [data-promised-by]")).getAttribute("data-promised-by");
        assertTrue(LocalDate.parse(recommended).isAfter(day(0)), "the correction is later than asked: " + recommended);
        assertEquals(apiReason("en-US", "LEAD_TIME"), reasonText(b, "LEAD_TIME"), "the reason in the service's words");
        b.screenshot(shot + "-1-correction");

        b.driver.findElement(By.id("commit-recommended")).click();
        WebElement done = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("committed")));
        String promiseId = done.getAttribute("data-promise-id");
        assertTrue(promiseId != null && !promiseId.isBlank(), "the commit answered a promise id");

        WebElement listed = findInOpenList(b, promiseId);
        assertEquals(recommended, listed.getAttribute("data-promised-by"), "the open promise is the recommended one");
        assertMasteryAsTheApiSays(b);
        b.js("arguments[0].scrollIntoView({block:'center'})", listed);
        b.screenshot(shot + "-2-committed");

        JsonPath p = given().when().get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().jsonPath();
        assertEquals("alice", p.getString("rep"));
        assertEquals("OPEN", p.getString("status"));
        assertEquals(recommended, p.getString("promisedBy"));
        assertEquals(SITE, p.getString("site"));
    }

    /** The score shown is alice's from GET /api/v1/performance?by=rep, or the page says there is none yet. */
    private static void assertMasteryAsTheApiSays(Browser b) {
        List<Map<String, Object>> groups = given().header("X-API-Key", ALICE).when().get("/api/v1/performance?by=rep")
                .then().statusCode(200).extract().jsonPath().getList("groups");
        Map<String, Object> mine = groups.stream().filter(g -> "alice".equals(g.get("key"))).findFirst().orElse(null);
        b.wait.until(d -> !d.findElement(By.id("mastery")).getText().isBlank());
        if (mine == null) {
            assertTrue(b.driver.findElement(By.id("mastery")).getText().contains("No finished promises"));
        } else {
            @SuppressWarnings("unchecked")
            double score = ((Number) ((Map<String, Object>) mine.get("mastery")).get("score")).doubleValue();
            // RestAssured reads JSON decimals as floats (8.2 → 8.1999998): equal to a float's precision
            assertEquals(score, Double.parseDouble(b.driver.findElement(By.id("score")).getAttribute("data-score")), 1e-5);
        }
    }

    private static void signIn(Browser b, String key) {
        signIn(b, key, "alice");
    }

    private static void signIn(Browser b, String key, String name) {
        WebElement input = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
        input.clear();
        input.sendKeys(key);
        b.driver.findElement(By.id("sign-in-btn")).click();
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-name"), name));
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("region")));
    }

    /** Two units from the test site to the test region, promised for today: a 2-day lane cannot keep that. */
    private static void askTooEarly(Browser b) {
        fillDelivery(b, SKU, "2");
        // a date input's typing order follows the browser's locale: set the ISO value as a date picker would
        b.js("const i = document.getElementById('promisedBy'); i.value = arguments[0]; i.dispatchEvent(new Event('input', {bubbles: true}));",
                date(0));
        b.driver.findElement(By.id("check")).click();
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
    }

    /** The sentence of a reason as shown (without a warning's "Warning: ", said to screen readers only). */
    private static String reasonText(Browser b, String code) {
        String text = b.driver.findElement(By.cssSelector("#reasons li[data-code='" + code + "']")).getText().trim();
        for (String hidden : List.of("Warning:", "Atenção:")) if (text.startsWith(hidden)) text = text.substring(hidden.length()).strip();
        return text;
    }

    /** The message of {@code code} in the service's answer to the same quote, as alice, in {@code language}. */
    private static String apiReason(String language, String code) {
        List<Map<String, Object>> reasons = given().header("X-API-Key", ALICE).header("Accept-Language", language)
                .contentType(ContentType.JSON)
                .body("""
                        {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":2}],"promisedBy":"%s"}"""
                        .formatted(SITE, REGION, SKU, date(0)))
                .when().post("/api/v1/promises/validate").then().statusCode(200).extract().jsonPath().getList("reasons");
        return reasons.stream().filter(r -> code.equals(r.get("code"))).map(r -> String.valueOf(r.get("message"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " reason in " + reasons));
    }

    /** The promise among the open ones, asking for more pages while the list offers them (other tests' promises are alice's too). */
    private static WebElement findInOpenList(Browser b, String promiseId) {
        By item = By.cssSelector("#list-OPEN li[data-promise-id='" + promiseId + "']");
        for (int page = 0; page < 200; page++) {
            b.wait.until(d -> !d.findElements(item).isEmpty() || !d.findElements(By.cssSelector("#list-OPEN .more:not([disabled])")).isEmpty());
            List<WebElement> found = b.driver.findElements(item);
            if (!found.isEmpty()) return found.get(0);
            WebElement more = b.driver.findElement(By.cssSelector("#list-OPEN .more"));
            int before = b.driver.findElements(By.cssSelector("#list-OPEN li")).size();
            more.click();
            b.wait.until(ExpectedConditions.stalenessOf(more));
            List<WebElement> items = b.driver.findElements(By.cssSelector("#list-OPEN li"));
            if (items.size() > before) {
                assertEquals(items.get(before), b.driver.switchTo().activeElement(), "'Show more' hands the focus to the first promise it brought");
            }
        }
        throw new AssertionError("promise " + promiseId + " is not among alice's open promises");
    }
}
