/** Traffic and event logs in HAProxy's formats, to stdout, stderr or syslog over UDP. */
package io.haven.core.log;
