package io.haven.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.http.TestTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every map_* match kind and output type against map files. */
class MapConvertersTest {
    @TempDir
    Path dir;
    private final Exprs x = new Exprs();

    private String map(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private Object eval(String expr, String header) {
        return x.eval("req.hdr(x-in)," + expr, TestTxn.get("/", "X-In: " + header));
    }

    @Test
    void strIsExactAndTakesADefault() throws Exception {
        String m = map("str.map", "# comment\n\nexample.com   be_example\nexample.org be_org  \n");
        assertThat(eval("map(" + m + ")", "example.com")).isEqualTo("be_example");
        assertThat(eval("map_str(" + m + ")", "example.org")).isEqualTo("be_org");
        assertThat(eval("map_str(" + m + ")", "EXAMPLE.com")).isNull();
        assertThat(eval("map_str(" + m + ",fallback)", "nope")).isEqualTo("fallback");
    }

    @Test
    void begKeepsTheLongestPrefix() throws Exception {
        String m = map("beg.map", "/api v1\n/api/v2 v2\n/ root\n");
        assertThat(eval("map_beg(" + m + ")", "/api/v2/users")).isEqualTo("v2");
        assertThat(eval("map_beg(" + m + ")", "/api/v1/users")).isEqualTo("v1");
        assertThat(eval("map_beg(" + m + ")", "/other")).isEqualTo("root");
    }

    @Test
    void subEndDirDomRegAndLenTakeTheFirstMatchInFileOrder() throws Exception {
        String m = map("words.map", "admin first\nmin second\n");
        assertThat(eval("map_sub(" + m + ")", "/administration")).isEqualTo("first");
        assertThat(eval("map_end(" + map("end.map", ".jpg image\n.js script\n") + ")", "/x/app.js")).isEqualTo("script");
        assertThat(eval("map_dir(" + map("dir.map", "img images\n") + ")", "/static/img/a.png")).isEqualTo("images");
        assertThat(eval("map_dir(" + map("dir2.map", "img images\n") + ")", "/static/imgs/a.png")).isNull();
        String dom = map("dom.map", "example.com site\n");
        assertThat(eval("map_dom(" + dom + ")", "www.example.com")).isEqualTo("site");
        assertThat(eval("map_dom(" + dom + ")", "notexample.com")).isNull();
        String reg = map("reg.map", "^/api/v[0-9]+/ api\n\\.php$ php\n");
        assertThat(eval("map_reg(" + reg + ")", "/api/v3/x")).isEqualTo("api");
        assertThat(eval("map_reg(" + reg + ")", "/index.php")).isEqualTo("php");
        assertThat(eval("map_len(" + map("len.map", "0:3 short\n4:10 medium\n") + ")", "abcde")).isEqualTo("medium");
    }

    @Test
    void intAndIpKeysWithTypedOutputs() throws Exception {
        String ints = map("int.map", "200:299 1\n404 2\n500: 3\n");
        assertThat(eval("map_int_int(" + ints + ")", "404")).isEqualTo(2L);
        assertThat(eval("map_int_int(" + ints + ")", "250")).isEqualTo(1L);
        assertThat(eval("map_int(" + ints + ")", "503")).isEqualTo("3");
        assertThat(eval("map_int(" + ints + ",none)", "100")).isEqualTo("none");
        String ips = map("ip.map", "10.0.0.0/8 lan\n10.1.0.0/16 office\n192.0.2.1 host\n::1/128 v6\n");
        assertThat(eval("map_ip(" + ips + ")", "10.1.2.3")).as("longest prefix").isEqualTo("office");
        assertThat(eval("map_ip(" + ips + ")", "10.9.9.9")).isEqualTo("lan");
        assertThat(eval("map_ip(" + ips + ")", "192.0.2.1")).isEqualTo("host");
        assertThat(eval("map_ip(" + ips + ")", "::1")).isEqualTo("v6");
        assertThat(eval("map_ip(" + ips + ")", "172.16.0.1")).isNull();
        String toIp = map("ipout.map", "a 10.0.0.1\n");
        assertThat(x.eval("req.hdr(x-in),map_str_ip(" + toIp + ")", TestTxn.get("/", "X-In: a")).toString()).isEqualTo("/10.0.0.1");
    }

    @Test
    void aFileIsLoadedOnceAndSharedByItsConverters() throws Exception {
        String m = map("shared.map", "a 1\n");
        x.eval("str(a),map(" + m + ")", TestTxn.get("/"));
        x.eval("str(a),map_beg(" + m + ")", TestTxn.get("/"));
        assertThat(x.maps.all()).hasSize(1);
        x.maps.find(m).orElseThrow().add("b", "2");
        assertThat(x.eval("str(b),map(" + m + ")", TestTxn.get("/"))).isEqualTo("2");
    }

    @Test
    void badFilesKeysValuesAndDefaultsAreErrorsWithFileAndLine() throws Exception {
        assertThatThrownBy(() -> eval("map(" + dir.resolve("missing.map") + ")", "a")).hasMessageContaining("cannot read map file");
        String ips = map("badip.map", "10.0.0.0/8 lan\n# c\nnot-an-ip x\n");
        assertThatThrownBy(() -> eval("map_ip(" + ips + ")", "a")).hasMessageContaining(ips + ":3").hasMessageContaining("not-an-ip");
        String vals = map("badval.map", "a 1\nb two\n");
        assertThatThrownBy(() -> eval("map_str_int(" + vals + ")", "a")).hasMessageContaining(vals + ":2").hasMessageContaining("'two'");
        String ok = map("ok.map", "a 1\n");
        assertThatThrownBy(() -> eval("map_str_int(" + ok + ",x)", "a")).hasMessageContaining("default value 'x'");
        assertThatThrownBy(() -> eval("map_glob(" + ok + ")", "a")).hasMessageContaining("unknown converter 'map_glob'");
    }
}
