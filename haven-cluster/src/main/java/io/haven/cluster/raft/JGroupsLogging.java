package io.haven.cluster.raft;

import org.jgroups.logging.CustomLogFactory;
import org.jgroups.logging.Log;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' own logging to SLF4J. JGroups 5.4 picks a custom factory first, then log4j2 when
 * it is on the class path, then SLF4J; setting the factory makes the choice independent of the
 * class path. Loggers are named after JGroups classes ({@code org.jgroups...}): the program
 * configures {@code org.jgroups} at WARN so that INFO stays quiet.
 */
final class JGroupsLogging {

    private JGroupsLogging() {
    }

    static synchronized void useSlf4j() {
        if (LogFactory.getCustomLogFactory() == null) {
            LogFactory.setCustomLogFactory(new CustomLogFactory() {
                @Override
                public Log getLog(Class<?> clazz) {
                    return new Slf4jLogImpl(clazz);
                }

                @Override
                public Log getLog(String category) {
                    return new Slf4jLogImpl(category);
                }
            });
        }
    }
}
