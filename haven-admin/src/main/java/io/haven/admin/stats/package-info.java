/** HAProxy's statistics page served over HTTP: HTML, CSV, JSON, Prometheus metrics, and its admin form. */
package io.haven.admin.stats;
