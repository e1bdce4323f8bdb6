package io.haven.core.acl;

/** Tests one sample against an ACL's patterns. */
@FunctionalInterface
public interface Matcher {
    boolean matches(Object sample);
}
