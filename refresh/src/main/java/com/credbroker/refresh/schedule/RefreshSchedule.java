package com.credbroker.refresh.schedule;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
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
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz side of the scheduled refresh: ONE job, fired every refresh interval, that runs a scan
 * (never two at once). Connections are never given triggers of their own. The job store is the
 * {@link ScheduleStore}'s: in memory on one node, Quartz's clustered JDBC store where several nodes share
 * a PostgreSQL database. There every node schedules the same job under the same scheduler name, and the
 * cluster fires each scan on one node only ({@link DisallowConcurrentExecution} holds cluster-wide); the
 * scan's own leases are what keep two refreshes of one connection apart, so a second scan somewhere would
 * be wasted work, not a double refresh.
 */
public final class RefreshSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSchedule.class);
    static final String SCAN = "credbroker.refresh.scan";
    /** The cluster's name: Quartz's {@code SCHED_NAME}, the same on every node. */
    static final String SCHEDULER_NAME = "credbroker-refresh";
    private static final Object REGISTRY = new Object();

    private final Scheduler scheduler;

    private RefreshSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts the schedule: the first scan runs at once (on some node), then one every {@code interval}.
     *
     * @param scan       one scan; its failures are logged and the next interval tries again
     * @param instanceId this node's ID in the cluster (unique per process and engine)
     */
    public static RefreshSchedule start(Runnable scan, Duration interval, ScheduleStore store, String instanceId) {
        try {
            Scheduler scheduler = newScheduler(properties(store, instanceId));
            scheduler.getContext().put(SCAN, scan);
            JobDetail job = JobBuilder.newJob(ScanJob.class).withIdentity("refresh-scan", "credbroker").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("refresh-scan", "credbroker").startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            // a clustered store may already hold the job (another node, an earlier start): this node's
            // interval replaces it
            scheduler.scheduleJob(job, Set.of(trigger), true);
            scheduler.start();
            return new RefreshSchedule(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the refresh schedule could not start", e);
        }
    }

    /**
     * Quartz keeps schedulers in a JVM-wide registry by name and hands out the registered one instead of a
     * new one. Every node of a cluster must use the same name, and tests run several nodes in one JVM, so
     * each new scheduler is taken out of the registry at once (the registry only serves lookups by name).
     */
    private static Scheduler newScheduler(Properties properties) throws SchedulerException {
        synchronized (REGISTRY) {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            return scheduler;
        }
    }

    private static Properties properties(ScheduleStore store, String instanceId) {
        Properties properties = store.properties(instanceId);
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        return properties;
    }

    /** Stops firing on this node (the others go on); waits for a running scan to finish. */
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
                ((Runnable) context.getScheduler().getContext().get(SCAN)).run();
            } catch (SchedulerException | RuntimeException e) {
                LOG.warn("refresh scan failed ({}); the next interval tries again", e.getClass().getSimpleName());
            }
        }
    }
}
