package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.map.MapMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Map class and core.set_map/del_map with real Lua over core's map files. */
class MapClassTest {
    @Test
    void lookupsFollowTheMatchMethodAndSetMapChangesTheSharedFile() throws Exception {
        try (LuaFixture lua = new LuaFixture()) {
            Path map = lua.script("hosts.map", "# comment\nexample.com web\n/static/ files\n42 answer\n");
            Path nets = lua.script("nets.map", "10.0.0.0/8 lan\n10.1.0.0/16 office\n");
            lua.load("""
                    local m = Map.new('%1$s', Map._str)
                    local beg = Map.new('%1$s', Map._beg)
                    local ip = Map.new('%2$s', Map._ip)
                    local int = Map.new('%1$s', Map._str)
                    core.Info('str=' .. m:lookup('example.com') .. ' miss=' .. tostring(m:lookup('nope')) .. ' s=[' .. m:slookup('nope') .. ']')
                    core.Info('beg=' .. beg:lookup('/static/app.js') .. ' ip=' .. ip:lookup('10.1.2.3') .. ' int=' .. int:lookup(42))
                    core.set_map('%1$s', 'example.com', 'other')
                    core.set_map('%1$s', 'new.org', 'added')
                    core.del_map('%1$s', '42')
                    core.Info('after=' .. m:lookup('example.com') .. ',' .. m:lookup('new.org') .. ',' .. tostring(int:lookup(42)))
                    core.Info('fn=' .. Map.lookup(m, 'new.org'))
                    local ok, err = pcall(core.set_map, '/no/such.map', 'k', 'v')
                    core.Info('unknown: ' .. err)
                    """.formatted(map, nets));
            assertThat(lua.logs).contains("info str=web miss=nil s=[]", "info beg=files ip=office int=answer",
                    "info after=other,added,nil", "info fn=added");
            assertThat(lua.logs).anyMatch(l -> l.contains("'set_map': unknown map file '/no/such.map'"));
        }
    }

    @Test
    void theMatchConstantsAreHaproxysNumbers() throws Exception {
        try (LuaFixture lua = new LuaFixture()) {
            lua.load("core.Info(table.concat({ Map._int, Map._ip, Map._str, Map._beg, Map._sub, Map._dir, Map._dom, Map._end, Map._reg }, ','))");
            assertThat(lua.logs).contains("info 2,3,6,7,8,9,10,11,12");
            assertThat(MapLibrary.match(12)).isEqualTo(MapMatch.REG);
        }
    }
}
