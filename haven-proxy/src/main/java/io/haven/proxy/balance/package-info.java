/** HAProxy's balancing algorithms over a backend's snapshot of usable servers. */
package io.haven.proxy.balance;
