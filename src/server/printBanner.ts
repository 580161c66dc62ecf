import { PERSONAS } from '../auth/personas';
import { signToken } from '../auth/signToken';

/**
 * What `npm start` prints once the gateway serves: where the playground is and, with the
 * development secret, a ready token per demo persona.
 */
export async function printBanner(url: string, developmentSecret: string | undefined): Promise<void> {
  const lines = [
    '',
    `Tributary is serving ${url}/graphql`,
    'Open it in a browser for the playground; paste a token into its Headers tab as',
    '  { "authorization": "Bearer <token>" }',
  ];
  if (developmentSecret !== undefined) {
    lines.push('', 'Demo tokens (12 h; sign others with: npm run token -- --sub <id> --scopes "<scopes>" --ttl 1h):');
    for (const persona of PERSONAS) {
      const token = await signToken({ secret: developmentSecret, subject: persona.subject, scopes: persona.scopes, ttl: '12h' });
      lines.push('', `  ${persona.name} (sub ${persona.subject}; sees ${persona.sees}):`, `  ${token}`);
    }
  } else {
    lines.push('Tokens come from your identity provider (JWT_SECRET / JWKS_URL are set).');
  }
  // One write, so the workers' log lines cannot land in the middle of it.
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
