package com.credbroker.refresh.schedule;

import com.credbroker.refresh.engine.RefreshScanner;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz side of the scheduled refresh: ONE job, fired every refresh interval, that runs a
 * {@link RefreshScanner} scan (never two at once). Connections are never given triggers of their own.
 * On one node the job store is Quartz's RAMJobStore: the schedule is rebuilt at every start and the
 * state that matters (leases, due times) is in the database.
 */
public final class RefreshSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSchedule.class);
    static final String SCANNER = "credbroker.refresh.scanner";

    private final Scheduler scheduler;

    private RefreshSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts the schedule: the first scan runs at once, then one every {@code interval}. */
    public static RefreshSchedule start(RefreshScanner scanner, Duration interval) {
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties()).getScheduler();
            scheduler.getContext().put(SCANNER, scanner);
            JobDetail job = JobBuilder.newJob(ScanJob.class).withIdentity("refresh-scan", "credbroker").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("refresh-scan", "credbroker").startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, trigger);
            scheduler.start();
            return new RefreshSchedule(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the refresh schedule could not start", e);
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        // Quartz keeps schedulers in a JVM-wide registry by name: each broker in one JVM needs its own.
        properties.setProperty("org.quartz.scheduler.instanceName", "credbroker-refresh-" + UUID.randomUUID());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return properties;
    }

    /** Stops firing; waits for a running scan to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("the refresh schedule did not shut down cleanly: {}", e.getClass().getSimpleName());
        }
    }

    /** The one job: a scan. A failing scan is logged and the next interval tries again. */
    @DisallowConcurrentExecution
    public static final class ScanJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                RefreshScanner scanner = (RefreshScanner) context.getScheduler().getContext().get(SCANNER);
                scanner.runOnce();
            } catch (SchedulerException | RuntimeException e) {
                LOG.warn("refresh scan failed ({}); the next interval tries again", e.getClass().getSimpleName());
            }
        }
    }
}
