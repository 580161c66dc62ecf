// A real OAuth 2.0 authorization server on loopback (oauth2-mock-server's issuer and service), run as a child process
// by startOAuthServer.ts (the package is ESM only). Prints {"url":…} once listening, then one
// JSON line per token issued ({"event":"token",…}) and per introspection ({"event":"introspect",…}).
// Opaque tokens named "active-<sub>-<scope,scope>" introspect as active for that subject and those
// scopes; any other opaque token is inactive. Basic credentials other than the expected client are refused.
import { createServer } from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const [clientId = 'gateway', clientSecret = 'gateway-secret', lifetime = '3600'] = process.argv.slice(2);
const issuer = new OAuth2Issuer();
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer);
const server = { service };
const basicOf = (req) => Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
const expected = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
server.service.on('beforeResponse', (response, req) => {
  if (basicOf(req) !== expected) {
    response.statusCode = 401;
    response.body = { error: 'invalid_client' };
    return;
  }
  response.body.expires_in = Number(lifetime);
  console.log(JSON.stringify({ event: 'token', grant: req.body.grant_type, scope: req.body.scope ?? null, audience: req.body.audience ?? null }));
});
server.service.on('beforeTokenSigning', (token, req) => {
  token.payload.exp = Math.floor(Date.now() / 1000) + Number(lifetime);
  if (req.body.audience) token.payload.aud = req.body.audience;
});
server.service.on('beforeIntrospect', (response, req) => {
  const token = String(req.body?.token ?? '');
  const match = /^active-([^-]+)-(.*)$/.exec(token);
  const authorized = basicOf(req) === expected;
  response.statusCode = authorized ? 200 : 401;
  response.body = !authorized
    ? { error: 'invalid_client' }
    : match
      ? { active: true, sub: match[1], scope: match[2].split(',').join(' '), exp: Math.floor(Date.now() / 1000) + 600 }
      : { active: false };
  console.log(JSON.stringify({ event: 'introspect', active: Boolean(match && authorized) }));
});
// The mock's introspection route reads req.body but parses none: RFC 7662 requests are
// form-encoded, so the body is parsed here before the mock's own handler runs.
const http = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/introspect')) return service.requestHandler(req, res);
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    req.body = Object.fromEntries(new URLSearchParams(text));
    service.requestHandler(req, res);
  });
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
issuer.url = `http://127.0.0.1:${http.address().port}`;
console.log(JSON.stringify({ url: issuer.url }));
process.on('SIGTERM', () => http.close(() => process.exit(0)));
