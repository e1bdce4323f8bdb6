/** TLS termination on listeners: certificates, SNI selection, ALPN and protocol versions. */
package io.haven.proxy.tls;
