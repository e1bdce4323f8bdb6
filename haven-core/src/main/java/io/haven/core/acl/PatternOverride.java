package io.haven.core.acl;

import java.util.List;

/**
 * A fetch whose ACL patterns mean something of their own rather than values to compare (the
 * groups of {@code http_auth_group}); the ACL uses its matcher instead of a match method.
 */
public interface PatternOverride {
    Matcher matcher(List<String> patterns);
}
