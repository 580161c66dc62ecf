import type { BuiltGateway } from '../buildGateway';
import { describeStartupFailure, isConfigurationError } from '../describeStartupFailure';
import { drainGateway, type DrainTiming } from '../drainGateway';
import { asPrimaryMessage, sendToPrimary } from './messages';
import { shareMetricsWithPrimary } from './shareMetricsWithPrimary';

export interface WorkerGateway {
  readonly gateway: BuiltGateway;
  readonly drain: DrainTiming;
  /** Run once drained, before the worker exits (e.g. flushing the last spans). */
  readonly finish?: () => Promise<void>;
}

/**
 * A cluster worker's life: builds its gateway, listens (on the port the primary shares), tells
 * the primary, and drains and exits when the primary says so. SIGTERM and SIGINT drain it too: a
 * terminal's Ctrl-C or a process manager may signal the whole process group. So does losing the
 * primary, which no longer hands it connections.
 *
 * A startup failure goes to the primary, which prints it once for all workers.
 */
export function runWorker(build: () => Promise<WorkerGateway>): void {
  let started: WorkerGateway | undefined;
  let listening = false;
  let stopping = false;

  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    // Not serving yet: nothing in flight to wait for.
    if (!listening || started === undefined) process.exit(0);
    const { gateway, drain } = started;
    gateway.logger.debug({ reason }, 'worker draining');
    void drainGateway(gateway, drain).then(async (closed) => {
      if (!closed) gateway.logger.error('shutdown grace period exceeded; exiting');
      await started?.finish?.().catch(() => undefined);
      process.exit(closed ? 0 : 1);
    });
  };
  process.on('message', (value: unknown) => {
    const type = asPrimaryMessage(value)?.type;
    if (type === 'tributary:drain') stop('told by the primary');
    if (type === 'tributary:reload' && listening && !stopping) void started?.gateway.reload();
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('disconnect', () => stop('the primary is gone'));

  const start = async (): Promise<void> => {
    started = await build();
    shareMetricsWithPrimary(started.gateway.metrics);
    const url = await started.gateway.listen();
    listening = true;
    await sendToPrimary({ type: 'tributary:listening', url });
  };
  start().catch(async (error: unknown) => {
    await sendToPrimary({ type: 'tributary:failed', description: describeStartupFailure(error), fatal: isConfigurationError(error) });
    process.exit(1);
  });
}
