/** What the data plane learnt from a client's TLS handshake, for the {@code ssl_fc_*} and {@code ssl_c_*} fetches. */
package io.haven.core.tls;
