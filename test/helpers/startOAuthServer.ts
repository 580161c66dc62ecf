import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface OAuthServer {
  readonly url: string;
  /** What the server reported, in order: tokens issued and introspections answered. */
  readonly events: { event: 'token' | 'introspect'; [key: string]: unknown }[];
  close(): Promise<void>;
}

/** Starts test/helpers/oauthServer.mjs (oauth2-mock-server) on a free loopback port. */
export async function startOAuthServer(clientId: string, clientSecret: string, tokenLifetimeSeconds = 3600): Promise<OAuthServer> {
  const child = spawn(process.execPath, [join(__dirname, 'oauthServer.mjs'), clientId, clientSecret, String(tokenLifetimeSeconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: OAuthServer['events'] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OAuth server exited with ${String(code)} before listening`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { url?: string; event?: 'token' | 'introspect' };
      if (message.url !== undefined) resolve(message.url);
      else if (message.event !== undefined) events.push(message as OAuthServer['events'][number]);
    });
  });
  return {
    url,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
