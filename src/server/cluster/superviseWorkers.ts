import cluster, { type Worker } from 'node:cluster';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ConnectionBalancing } from '../../config/GatewayConfig';
import { ReplayGuard } from '../../subscriptions/webhooks/ReplayGuard';
import { asWorkerMessage, type PrimaryMessage, type WorkerMessage } from './messages';
import { MetricsCollector } from './MetricsCollector';
import { RestartPolicy } from './RestartPolicy';

export interface SupervisorOptions {
  readonly workers: number;
  /** How new connections are spread over the workers. */
  readonly connectionBalancing: ConnectionBalancing;
  /** Added to each worker's environment, which is otherwise the primary's. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** How long workers may take to drain once told to (their shutdown delay plus grace). */
  readonly drainMs: number;
  /** Replace a worker that dies while serving; false stops the gateway instead (a benchmark wants no silent restarts). */
  readonly restart: boolean;
  /** Called once, when every worker listens, with the URL they share. */
  onReady(url: string): void | Promise<void>;
}

/** Time the primary allows past the workers' own deadline, for their exits to reach it. */
const EXIT_MARGIN_MS = 1000;

/**
 * The cluster primary: forks the workers (this same script, which sees `cluster.isWorker`),
 * replaces one that dies while serving (see RestartPolicy), answers workers' requests for the
 * metrics of all, relays subscription events and remembers accepted webhook deliveries for them
 * (without Redis), and on SIGTERM/SIGINT tells every worker to drain. A worker failing before the
 * gateway is ready fails the start: its error goes to stderr once and every worker stops.
 *
 * Resolves with the exit code once no worker is left: 0 after a signal, 1 after a failed start, a
 * drain that overran, or workers that kept dying.
 */
export function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const { logger } = options;
  const env = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const policy = new RestartPolicy();
  const metrics = new MetricsCollector();
  /** Webhook deliveries any worker accepted (without Redis, the workers' one memory of them). */
  const deliveries = new LRUCache<string, true>({ max: ReplayGuard.MAX_REMEMBERED });
  /** Workers that listen, or drain after listening: those with metrics to report. */
  const serving = new Set<Worker>();
  const gone = new WeakSet<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let ready = false;
  let stopping = false;
  let exitCode = 0;
  let failure: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let finish: (code: number) => void = () => undefined;

  const alive = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
  const send = (worker: Worker, message: PrimaryMessage): void => {
    // A worker whose channel just closed cannot be told anything; its exit is handled on its own.
    worker.send(message, () => undefined);
  };
  const fork = (): void => {
    const worker = cluster.fork(env);
    worker.on('error', (error: Error) => logger.warn({ worker: worker.id, err: error }, 'worker channel error'));
  };

  const finishIfDone = (): void => {
    if (!stopping || alive().length > 0) return;
    clearTimeout(killTimer);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onReload);
    if (failure !== undefined) process.stderr.write(`${failure}\n`);
    finish(exitCode);
  };

  const stop = (code: number): void => {
    if (code !== 0) exitCode = 1;
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    restarts.clear();
    for (const worker of alive()) send(worker, { type: 'tributary:drain' });
    killTimer = setTimeout(() => {
      logger.error({ workers: alive().map((worker) => worker.id) }, 'shutdown grace period exceeded; killing the workers left');
      exitCode = 1;
      for (const worker of alive()) worker.process.kill('SIGKILL');
    }, options.drainMs + EXIT_MARGIN_MS);
    finishIfDone();
  };

  /** SIGHUP: every serving worker compiles the schema folder again (each logs its outcome). */
  function onReload(): void {
    if (stopping) return;
    logger.info({ workers: serving.size }, 'reloading the schema');
    for (const worker of serving) send(worker, { type: 'tributary:reload' });
  }

  function onSignal(signal: NodeJS.Signals): void {
    if (stopping) return;
    logger.info({ signal }, 'shutting down');
    stop(0);
  }

  const onMessage = (worker: Worker, message: WorkerMessage): void => {
    switch (message.type) {
      case 'tributary:listening':
        serving.add(worker);
        logger.info({ worker: worker.id, pid: worker.process.pid }, 'worker listening');
        // A drain sent while this worker was still loading its code reached no listener.
        if (stopping) send(worker, { type: 'tributary:drain' });
        else if (!ready && serving.size === options.workers) {
          ready = true;
          void Promise.resolve(options.onReady(message.url)).catch((error: unknown) =>
            logger.error({ err: error }, 'announcing the gateway failed'),
          );
        }
        return;
      case 'tributary:failed':
        // Before the gateway is ready a failure is the start's; a bad schema or setting would fail every restart too.
        if (!ready || message.fatal) {
          failure ??= message.description;
          stop(1);
        } else {
          logger.error({ worker: worker.id, failure: message.description }, 'worker failed to start');
        }
        return;
      case 'tributary:metrics-wanted':
        metrics.collect([...serving]).then(
          (text) => send(worker, { type: 'tributary:metrics-sum', id: message.id, text }),
          (error: unknown) =>
            send(worker, { type: 'tributary:metrics-sum', id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'tributary:metrics-report':
        metrics.receive(worker, message.id, message);
        return;
      case 'tributary:event':
        // Without Redis, the primary is how a webhook one worker received reaches the others' subscribers.
        for (const other of alive())
          if (other !== worker && other.isConnected())
            send(other, { type: 'tributary:event', topic: message.topic, payload: message.payload });
        return;
      case 'tributary:delivery-claim': {
        // One process answers every worker, one message at a time: no two workers both accept a delivery.
        const first = !deliveries.has(message.key);
        if (first) deliveries.set(message.key, true, { ttl: message.rememberSeconds * 1000 });
        send(worker, { type: 'tributary:delivery-claimed', id: message.id, first });
        return;
      }
    }
  };

  /** Once a worker has both exited and closed its channel, every message it sent has arrived. */
  const onGone = (worker: Worker): void => {
    if (gone.has(worker) || !worker.isDead() || worker.isConnected()) return;
    gone.add(worker);
    serving.delete(worker);
    metrics.forget(worker);
    const { exitCode: code, signalCode: signal } = worker.process;
    if (stopping) {
      if (code !== 0) exitCode = 1;
      finishIfDone();
      return;
    }
    if (!ready) {
      failure ??= `worker ${worker.id} exited (${signal ?? `code ${code}`}) before listening`;
      stop(1);
      return;
    }
    const delayMs = options.restart ? policy.next(Date.now()) : undefined;
    if (delayMs === undefined) {
      logger.error(
        { worker: worker.id, pid: worker.process.pid, code, signal },
        options.restart ? 'workers keep dying; stopping the gateway' : 'worker exited; stopping the gateway',
      );
      stop(1);
      return;
    }
    logger.warn(
      { worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: delayMs },
      'worker exited unexpectedly; starting another',
    );
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delayMs);
    restarts.add(timer);
  };

  return new Promise((resolve) => {
    finish = resolve;
    cluster.on('message', (worker: Worker, value: unknown) => {
      const message = asWorkerMessage(value);
      if (message !== undefined) onMessage(worker, message);
    });
    cluster.on('exit', onGone);
    cluster.on('disconnect', onGone);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    process.on('SIGHUP', onReload);
    // Read by node:cluster at the first fork, and fixed from then on.
    cluster.schedulingPolicy = options.connectionBalancing === 'round-robin' ? cluster.SCHED_RR : cluster.SCHED_NONE;
    for (let index = 0; index < options.workers; index += 1) fork();
  });
}
