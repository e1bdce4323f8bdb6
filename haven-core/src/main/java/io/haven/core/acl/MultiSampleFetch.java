package io.haven.core.acl;

import java.util.List;

/**
 * A fetch that can yield several values (every occurrence of a header). As in HAProxy, an ACL
 * tries each of them until one matches, while an expression uses {@link #fetch} (the last one).
 */
public interface MultiSampleFetch extends SampleFetch {
    List<Object> fetchAll(SampleContext ctx);
}
