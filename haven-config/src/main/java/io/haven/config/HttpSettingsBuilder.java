package io.haven.config;

import io.haven.config.model.HttpSettings;
import io.haven.config.model.HttpSettings.ForwardFor;
import io.haven.config.model.HttpSettings.HttpConnectionMode;
import io.haven.config.model.HttpSettings.HttpReuse;
import io.haven.config.model.HeaderCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable {@link HttpSettings} while parsing; a proxy starts from a copy of its defaults' builder. */
final class HttpSettingsBuilder {
    HttpReuse reuse = HttpReuse.SAFE;
    HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
    ForwardFor forwardFor;
    long requestTimeout;
    long keepAliveTimeout;
    boolean httpLog;
    boolean clf;
    String logFormat;
    final Map<Integer, byte[]> errorFiles = new LinkedHashMap<>();
    /** Not copied from defaults: {@code capture} is a frontend's own (HAProxy refuses it in defaults). */
    final List<HeaderCapture> requestCaptures = new ArrayList<>();
    final List<HeaderCapture> responseCaptures = new ArrayList<>();

    HttpSettingsBuilder copy() {
        HttpSettingsBuilder b = new HttpSettingsBuilder();
        b.reuse = reuse;
        b.connectionMode = connectionMode;
        b.forwardFor = forwardFor;
        b.requestTimeout = requestTimeout;
        b.keepAliveTimeout = keepAliveTimeout;
        b.httpLog = httpLog;
        b.clf = clf;
        b.logFormat = logFormat;
        b.errorFiles.putAll(errorFiles);
        return b;
    }

    HttpSettings build() {
        return new HttpSettings(reuse, connectionMode, forwardFor, requestTimeout, keepAliveTimeout, httpLog, clf,
                logFormat, errorFiles, requestCaptures, responseCaptures);
    }
}
