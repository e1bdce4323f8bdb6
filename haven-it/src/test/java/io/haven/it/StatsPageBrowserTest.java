package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.admin.stats.StatsPages;
import io.haven.config.ConfigParser;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import io.haven.core.server.ServerStatus;
import io.haven.it.support.Browser;
import io.haven.it.support.ServiceHttpServer;
import io.haven.proxy.balance.Balancers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The stats page in a real browser (headless Debian Chromium through Selenium): it renders the
 * servers table, refreshes itself, and its admin form changes server states. The page is the
 * real {@code StatsPage} of a generation built from configuration text, served in this JVM by
 * the JDK's HTTP server; {@link HavenStatsPageTest} drives the real program once HTTP mode
 * carries requests.
 */
class StatsPageBrowserTest {
    private static final String CONFIG = """
            defaults
                mode http
                timeout connect 1s
            listen st
                bind 127.0.0.1:18404
                stats uri /st
                stats refresh 1s
                stats admin if TRUE
            backend be
                server s1 127.0.0.1:9001 weight 10
                server s2 127.0.0.1:9002
                server s3 127.0.0.1:9003 backup
            """;

    private Generation gen;
    private ServiceHttpServer http;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        gen = new GenerationBuilder(Balancers::create)
                .build(new ConfigParser(Map.of()).parseText("stats.cfg", CONFIG), null, new ServerEvents());
        StatsPages.install(gen, () -> gen, "test");
        http = ServiceHttpServer.start(gen.frontend("st").orElseThrow().httpServices());
        browser = Browser.open();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.close();
        }
    }

    private String status(String server) {
        return browser.findElement(By.cssSelector("#px-be tr[data-sv='" + server + "'] td.status")).getText();
    }

    private Server server(String name) {
        return gen.backend("be").orElseThrow().server(name).orElseThrow();
    }

    @Test
    void rendersEveryProxyAndServer() {
        browser.get(http.url() + "/st");
        assertThat(browser.getTitle()).isEqualTo("Statistics Report for Haven");
        assertThat(browser.findElements(By.cssSelector("table.px"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#px-be tr.server"))).hasSize(3);
        assertThat(status("s1")).isEqualTo("no check");
        assertThat(browser.findElement(By.cssSelector("#px-be tr[data-sv='s1'] td.weight")).getText()).isEqualTo("10");
        assertThat(browser.findElement(By.cssSelector("#px-be tr[data-sv='s3'] td.bck")).getText()).isEqualTo("Y");
        assertThat(browser.findElement(By.cssSelector("#px-st tr[data-sv='FRONTEND'] td.status")).getText()).isEqualTo("OPEN");
    }

    @Test
    void refreshesItselfAndShowsStateChanges() {
        browser.get(http.url() + "/st");
        assertThat(status("s2")).isEqualTo("no check");
        server("s2").setMaintenance(true);
        // nothing reloads the page but its own refresh
        await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(WebDriverException.class)
                .untilAsserted(() -> assertThat(status("s2")).isEqualTo("MAINT"));
        assertThat(browser.findElement(By.cssSelector("#px-be tr[data-sv='s2']")).getAttribute("class"))
                .contains("state-maint");
    }

    @Test
    void adminFormDrainsTheCheckedServers() {
        browser.get(http.url() + "/st;norefresh");
        browser.findElement(By.cssSelector("#px-be tr[data-sv='s1'] input[type=checkbox]")).click();
        browser.findElement(By.cssSelector("#px-be tr[data-sv='s2'] input[type=checkbox]")).click();
        browser.findElement(By.cssSelector("select[name=action] option[value=drain]")).click();
        browser.findElement(By.cssSelector("input[type=submit]")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/st;st=DONE"));
        assertThat(browser.findElement(By.id("action-status")).getText()).contains("[DONE]");
        assertThat(status("s1")).isEqualTo("DRAIN");
        assertThat(status("s2")).isEqualTo("DRAIN");
        assertThat(status("s3")).isEqualTo("no check");
        assertThat(server("s1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("s2").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("s3").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void csvLinkGivesShowStatCsv() {
        browser.get(http.url() + "/st;norefresh");
        browser.findElement(By.id("csv")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/st;csv"));
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).startsWith("# pxname,svname,qcur,").contains("\nbe,s1,").contains("\nbe,BACKEND,");
    }
}
