package io.haven.admin.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haven.admin.StatColumns;
import io.haven.admin.StatRow;
import java.util.List;

/**
 * The {@code ;json} variant and {@code show stat json}, in the shape of HAProxy's {@code show stat json}: an array with one
 * array per line, holding one object per filled field:
 * {@code {"objType":"Server","proxyId":3,"id":1,"field":{"pos":17,"name":"status"},"processNum":1,
 * "value":{"type":"str","value":"UP"}}}. Values that are whole numbers are typed {@code u64} (or
 * {@code s64} when negative), the rest {@code str}. HAProxy's {@code tags} (origin, nature,
 * scope of each field) are left out: Haven does not keep that catalogue.
 */
public final class StatsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsJson() {
    }

    public static String render(List<StatRow> rows) {
        ArrayNode all = JSON.createArrayNode();
        for (StatRow r : rows) {
            ArrayNode line = all.addArray();
            int type = r.type();
            String objType = type == 0 ? "Frontend" : type == 1 ? "Backend" : "Server";
            int proxyId = Integer.parseInt(r.get("iid"));
            int id = Integer.parseInt(r.get("sid"));
            for (int pos = 0; pos < StatColumns.NAMES.size(); pos++) {
                String name = StatColumns.NAMES.get(pos);
                String v = r.get(name);
                if (v == null) {
                    continue;
                }
                ObjectNode f = line.addObject();
                f.put("objType", objType).put("proxyId", proxyId).put("id", id);
                f.putObject("field").put("pos", pos).put("name", name);
                f.put("processNum", 1);
                ObjectNode value = f.putObject("value");
                Long n = number(v);
                if (n == null) {
                    value.put("type", "str").put("value", v);
                } else {
                    value.put("type", n < 0 ? "s64" : "u64").put("value", n);
                }
            }
        }
        return all.toString();
    }

    private static Long number(String v) {
        if (v.isEmpty() || v.length() > 19) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isDigit(c) || i == 0 && c == '-' && v.length() > 1)) {
                return null;
            }
        }
        return Long.parseLong(v);
    }
}
