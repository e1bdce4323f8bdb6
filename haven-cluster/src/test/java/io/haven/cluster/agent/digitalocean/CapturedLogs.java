package io.haven.cluster.agent.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** Every event logged while a test runs ({@code @RegisterExtension}), to check what reached the log. */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root.detachAppender(appender);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** No message and no stack trace logged so far contains {@code secret}. */
    void assertNowhere(String secret) {
        for (ILoggingEvent e : events()) {
            assertThat(e.getFormattedMessage()).doesNotContain(secret);
            if (e.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(secret);
            }
        }
    }
}
