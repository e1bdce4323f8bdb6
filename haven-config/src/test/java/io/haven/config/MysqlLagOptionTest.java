package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.CheckType;
import io.haven.config.model.MysqlLagConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MysqlLagOptionTest {
    @TempDir
    Path dir;

    private static MysqlLagConfig lag(String option) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", "backend be\n  " + option + "\n  server s 127.0.0.1:3306 check\n")
                .proxy("be").orElseThrow().healthCheck().mysqlLag();
    }

    @Test
    void defaultsAreHeartbeatOneSecondAndHalfOfItToComeBack() throws ConfigException {
        MysqlLagConfig c = lag("option mysql-lag-check user haven");
        assertThat(c).isEqualTo(new MysqlLagConfig("haven", "", "heartbeat.heartbeat", 1000, 500, 0, 5000, false));
    }

    @Test
    void everyArgument() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        MysqlLagConfig c = lag("option mysql-lag-check user haven password-file " + pw
                + " replica-status max-lag 2s back-in 1500ms min-servers 2 hard-max-lag 30s on-empty refuse");
        assertThat(c).isEqualTo(new MysqlLagConfig("haven", "s3cret", null, 2000, 1500, 2, 30_000, true));
        assertThat(lag("option mysql-lag-check user u on-empty close").refuseWhenEmpty()).isFalse();
        assertThat(lag("option mysql-lag-check user u heartbeat percona.heartbeat").heartbeatTable()).isEqualTo("percona.heartbeat");
    }

    @Test
    void replacesTheOtherCheckTypes() throws ConfigException {
        var hc = new ConfigParser(Map.of()).parseText("t.cfg", "backend be\n  option httpchk\n  option mysql-lag-check user u\n")
                .proxy("be").orElseThrow().healthCheck();
        assertThat(hc.type()).isEqualTo(CheckType.MYSQL_LAG);
        assertThat(hc.http()).isNull();
    }

    @Test
    void errorsNameTheLineAndSayWhatIsExpected() {
        assertThatThrownBy(() -> lag("option mysql-lag-check max-lag 1s")).hasMessageContaining("t.cfg:2")
                .hasMessageContaining("needs 'user NAME'");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u max-lag 1s back-in 2s")).hasMessageContaining("would flap");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u heartbeat nodot")).hasMessageContaining("DB.TABLE");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u password-file /nonexistent/pw"))
                .hasMessageContaining("cannot read password-file '/nonexistent/pw'");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u lag 1s")).hasMessageContaining("unknown argument 'lag'");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u max-lag")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u max-lag 2s hard-max-lag 1s"))
                .hasMessageContaining("'hard-max-lag' (1000ms) must not be below 'max-lag' (2000ms)");
        assertThatThrownBy(() -> lag("option mysql-lag-check user u on-empty writer"))
                .hasMessageContaining("'on-empty' expects close or refuse, not 'writer'");
    }
}
