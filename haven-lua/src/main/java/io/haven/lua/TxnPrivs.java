package io.haven.lua;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import party.iroiro.luajava.Lua;

/**
 * {@code txn:set_priv()} values of one state, by transaction: a value set by one action is seen
 * by the next action of the same transaction. The transaction is held weakly; once the data
 * plane dropped it, its value's registry reference is released at the next use. Used under the
 * state's lock.
 */
final class TxnPrivs {
    private final ReferenceQueue<Object> gone = new ReferenceQueue<>();
    private final Map<Key, Integer> refs = new HashMap<>();

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object txn, ReferenceQueue<Object> queue) {
            super(txn, queue);
            this.hash = System.identityHashCode(txn);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object mine = get();
            return o instanceof Key k && mine != null && mine == k.get();
        }
    }

    /** The registry reference of {@code txn}'s value, or 0. */
    int get(Lua l, Object txn) {
        drain(l);
        Integer r = refs.get(new Key(txn, null));
        return r == null ? 0 : r;
    }

    /** Keeps {@code ref} as {@code txn}'s value, releasing the previous one. */
    void set(Lua l, Object txn, int ref) {
        drain(l);
        Integer old = refs.put(new Key(txn, gone), ref);
        if (old != null) {
            l.unref(old);
        }
    }

    private void drain(Lua l) {
        for (Object k; (k = gone.poll()) != null; ) {
            Integer r = refs.remove(k);
            if (r != null) {
                l.unref(r);
            }
        }
    }
}
