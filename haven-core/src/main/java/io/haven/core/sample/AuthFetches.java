package io.haven.core.sample;

import io.haven.core.acl.Lookup;
import io.haven.core.acl.Matcher;
import io.haven.core.acl.PatternOverride;
import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import io.haven.core.auth.Userlist;
import io.haven.core.http.HttpTxn;
import java.util.List;

/**
 * {@code http_auth(userlist)}: whether the request's Basic credentials are valid;
 * {@code http_auth_group(userlist)}: the user they name, and as an ACL, whether that user
 * belongs to one of the groups given as patterns.
 */
final class AuthFetches {
    private AuthFetches() {
    }

    private static Userlist userlist(List<String> args, Lookup lookup, String fetch) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("'" + fetch + "' expects one argument, a userlist name");
        }
        Userlist u = lookup.userlist(args.get(0));
        if (u == null) {
            throw new IllegalArgumentException("no such userlist '" + args.get(0) + "' in '" + fetch + "(" + args.get(0) + ")'");
        }
        return u;
    }

    static String user(Userlist u, SampleContext ctx) {
        HttpTxn t = HttpFetches.txn(ctx);
        return t == null ? null : u.authenticate(t.request().headers().first("authorization"));
    }

    static SampleFetch httpAuth(List<String> args, Lookup lookup) {
        Userlist u = userlist(args, lookup, "http_auth");
        return SampleFetch.of(SampleType.BOOL, c -> HttpFetches.txn(c) == null ? null : user(u, c) != null);
    }

    static SampleFetch httpAuthGroup(List<String> args, Lookup lookup) {
        Userlist u = userlist(args, lookup, "http_auth_group");
        return new GroupFetch(u);
    }

    private record GroupFetch(Userlist userlist) implements SampleFetch, PatternOverride {
        @Override
        public SampleType type() {
            return SampleType.STR;
        }

        @Override
        public Object fetch(SampleContext ctx) {
            return user(userlist, ctx);
        }

        @Override
        public Matcher matcher(List<String> groups) {
            List<String> copy = List.copyOf(groups);
            return s -> s instanceof String user && userlist.inGroup(user, copy);
        }
    }
}
