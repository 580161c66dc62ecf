import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashApiKey } from '../auth/hashApiKey';
import { loadDevelopmentSecret } from '../auth/loadDevelopmentSecret';
import { signToken } from '../auth/signToken';

const USAGE = `Usage:
  npm run token -- --sub <subject> [--scopes "<scope> <scope>"] [--ttl <duration>]
      Signs an HS256 token with JWT_SECRET (or the development secret npm start uses).
      --ttl takes e.g. 30m, 12h, 7d (default 1h). JWT_ISSUER / JWT_AUDIENCE are applied when set.
  npm run token -- --api-key --sub <subject> [--scopes "<scope> …"]
      Creates a random API key and prints the API_KEYS entry (its SHA-256 hash) to configure.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      scopes: { type: 'string', default: '' },
      ttl: { type: 'string', default: '1h' },
      'api-key': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.sub) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const scopes = values.scopes.split(/[\s,]+/).filter(Boolean);
  if (values['api-key']) {
    const key = `trib_${randomBytes(24).toString('base64url')}`;
    process.stdout.write(`API key (give it to the client; it is not stored): ${key}\n`);
    process.stdout.write(`API_KEYS entry: ${JSON.stringify({ sha256: hashApiKey(key), subject: values.sub, scopes })}\n`);
    return;
  }
  if (!/^\d+\s*[smhdwy]|^\d+\s*(sec|min|hour|day|week|year)s?$/i.test(values.ttl)) {
    throw new Error(`--ttl "${values.ttl}" is not a duration such as 30m, 12h or 7d`);
  }
  const token = await signToken({
    secret: process.env['JWT_SECRET'] || loadDevelopmentSecret(),
    subject: values.sub,
    scopes,
    ttl: values.ttl,
    issuer: process.env['JWT_ISSUER'],
    audience: process.env['JWT_AUDIENCE'],
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
