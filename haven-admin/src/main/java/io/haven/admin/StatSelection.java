package io.haven.admin;

import java.util.function.Predicate;

/**
 * Which lines of the stats table to show, as {@code show stat [<iid> <type> <sid>] [up|no-maint]}
 * and the stats page's {@code stats scope} choose them.
 *
 * @param iid       one proxy's id, -1 for all
 * @param type      a bit mask: 1 frontends, 2 backends, 4 servers; -1 for all
 * @param sid       one server's id, -1 for all
 * @param hideDown  {@code up}: hide servers in maintenance and servers down for good
 * @param hideMaint {@code no-maint}: hide servers in maintenance
 * @param proxies   which proxy names to show ({@code stats scope})
 */
public record StatSelection(int iid, int type, int sid, boolean hideDown, boolean hideMaint, Predicate<String> proxies) {
    public static final Predicate<String> ALL_PROXIES = name -> true;
    public static final StatSelection ALL = new StatSelection(-1, -1, -1, false, false, ALL_PROXIES);

    static final int FRONTENDS = 1;
    static final int BACKENDS = 2;
    static final int SERVERS = 4;

    boolean shows(int bit) {
        return (type & bit) != 0;
    }
}
