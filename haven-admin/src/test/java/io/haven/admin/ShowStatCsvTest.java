package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowStatCsvTest {
    /** HAProxy's management guide, 9.1 "CSV format", fields 0-99, then 100-112 of HAProxy 3.x, then "-". */
    static final String DOCUMENTED = "pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
            + "eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,"
            + "throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,"
            + "hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,"
            + "cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,"
            + "rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,"
            + "check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,"
            + "conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,"
            + "qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,"
            + "need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,srid,sess_other,"
            + "h1sess,h2sess,h3sess,req_other,h1req,h2req,h3req,proto,-,";

    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @Test
    void headerIsHaproxysDocumentedColumnListInOrder() {
        String out = api.execute("show stat", AccessLevel.ADMIN);
        assertThat(out.lines().findFirst()).hasValue("# " + DOCUMENTED);
    }

    @Test
    void rowsFollowConfigurationOrderAndOutputEndsWithAnEmptyLine() {
        String out = api.execute("show stat", AccessLevel.ADMIN);
        assertThat(out).endsWith(",-,\n\n");
        assertThat(rows(out)).extracting(r -> r.get("pxname") + "/" + r.get("svname") + "/" + r.get("type"))
                .containsExactly("fe/FRONTEND/0", "be/s1/2", "be/s2/2", "be/s3/2", "be/BACKEND/1",
                        "db/FRONTEND/0", "db/db1/2", "db/BACKEND/1");
    }

    @Test
    void everyRowHasAllColumnsAndTheEndMarker() {
        for (String line : api.execute("show stat", AccessLevel.USER).split("\n")) {
            if (!line.isEmpty()) {
                assertThat(line.split(",", -1)).hasSize(StatColumns.count() + 2);
            }
        }
    }

    @Test
    void frontendRowIsOpenWithItsLimitAndLeavesBackendColumnsEmpty() {
        gen.frontend("fe").orElseThrow().counters().open();
        Map<String, String> fe = row("fe", "FRONTEND", AccessLevel.USER);
        assertThat(fe).containsEntry("status", "OPEN").containsEntry("scur", "1").containsEntry("stot", "1")
                .containsEntry("slim", "1000").containsEntry("iid", "1").containsEntry("sid", "0")
                .containsEntry("pid", "1").containsEntry("mode", "tcp").containsEntry("conn_tot", "1")
                .containsEntry("qcur", "").containsEntry("weight", "").containsEntry("econ", "")
                .containsEntry("hrsp_2xx", "").containsEntry("lastchg", "").containsEntry("-", "-");
    }

    @Test
    void serverRowsShowStatusWeightFlagsAndLimits() {
        // a checked server starts at "rise" health: up, but down at its first failure
        assertThat(row("be", "s1", AccessLevel.USER)).containsEntry("status", "UP 1/3")
                .containsEntry("check_status", "INI").containsEntry("check_health", "2")
                .containsEntry("check_duration", "");
        gen.server("be/s1").orElseThrow().onCheckResult(CheckResult.of(CheckStatus.L4OK, "", 3));
        Map<String, String> s1 = row("be", "s1", AccessLevel.USER);
        assertThat(s1).containsEntry("status", "UP").containsEntry("weight", "10").containsEntry("act", "1")
                .containsEntry("bck", "0").containsEntry("sid", "1").containsEntry("iid", "2")
                .containsEntry("check_status", "L4OK").containsEntry("check_desc", "Layer4 check passed")
                .containsEntry("check_duration", "3").containsEntry("check_code", "").containsEntry("check_rise", "2")
                .containsEntry("check_fall", "3").containsEntry("check_health", "4").containsEntry("chkfail", "0")
                .containsEntry("slim", "").containsEntry("qlimit", "").containsEntry("addr", "");
        assertThat(row("be", "s2", AccessLevel.USER)).containsEntry("act", "0").containsEntry("bck", "1");
        Map<String, String> s3 = row("be", "s3", AccessLevel.USER);
        assertThat(s3).containsEntry("status", "MAINT").containsEntry("slim", "50").containsEntry("qlimit", "7")
                .containsEntry("check_status", "").containsEntry("chkfail", "");
        assertThat(row("db", "db1", AccessLevel.USER)).containsEntry("status", "no check")
                .containsEntry("agent_status", "INI").containsEntry("check_status", "");
    }

    @Test
    void backendRowSumsUsableWeightsAndCountsActiveAndBackupServers() {
        Map<String, String> be = row("be", "BACKEND", AccessLevel.USER);
        assertThat(be).containsEntry("status", "UP").containsEntry("weight", "10").containsEntry("uweight", "10")
                .containsEntry("act", "1").containsEntry("bck", "1").containsEntry("qcur", "0")
                .containsEntry("algo", "");
    }

    @Test
    void addressesAndAlgorithmsAreShownFromTheOperatorLevelOn() {
        assertThat(row("be", "s1", AccessLevel.OPERATOR)).containsEntry("addr", "127.0.0.1:9001");
        assertThat(row("be", "BACKEND", AccessLevel.ADMIN)).containsEntry("algo", "leastconn");
    }

    @Test
    void backendWithoutUsableServerIsDown() {
        api.execute("disable server be/s1; disable server be/s2", AccessLevel.ADMIN);
        assertThat(row("be", "BACKEND", AccessLevel.USER)).containsEntry("status", "DOWN")
                .containsEntry("weight", "0").containsEntry("act", "0");
    }

    @Test
    void filtersByProxyTypeMaskAndServerId() {
        assertThat(rows(api.execute("show stat -1 4 -1", AccessLevel.USER))).extracting(r -> r.get("svname"))
                .containsExactly("s1", "s2", "s3", "db1");
        assertThat(rows(api.execute("show stat 2 4 2", AccessLevel.USER))).extracting(r -> r.get("svname"))
                .containsExactly("s2");
        assertThat(rows(api.execute("show stat db 3 -1", AccessLevel.USER))).extracting(r -> r.get("svname"))
                .containsExactly("FRONTEND", "BACKEND");
        assertThat(api.execute("show stat nosuch 1 -1", AccessLevel.USER)).isEqualTo("No such proxy.\n\n");
    }

    @Test
    void upAndNoMaintHideServersAndAnnotateTheBackendStatus() {
        assertThat(rows(api.execute("show stat be 6 -1 no-maint", AccessLevel.USER)))
                .extracting(r -> r.get("svname") + " " + r.get("status"))
                .containsExactly("s1 UP 1/3", "s2 UP 1/3", "BACKEND UP (2/3)");
    }

    static List<Map<String, String>> rows(String csv) {
        String[] lines = csv.split("\n");
        List<String> names = new ArrayList<>(Arrays.asList(lines[0].substring(2).split(",", -1)));
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] v = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < names.size(); c++) {
                row.put(names.get(c), v[c]);
            }
            out.add(row);
        }
        return out;
    }

    private Map<String, String> row(String px, String sv, AccessLevel level) {
        return rows(api.execute("show stat", level)).stream()
                .filter(r -> r.get("pxname").equals(px) && r.get("svname").equals(sv)).findFirst().orElseThrow();
    }
}
