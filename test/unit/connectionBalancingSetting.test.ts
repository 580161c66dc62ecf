import { ConfigError } from '../../src/config/GatewayConfig';
import { loadConfig } from '../../src/config/loadConfig';
import { thrownBy } from './thrownBy';

describe('CONNECTION_BALANCING', () => {
  it('defaults to os: every worker accepts from the shared socket', () => {
    expect(loadConfig({}).connectionBalancing).toBe('os');
    expect(loadConfig({ CONNECTION_BALANCING: '' }).connectionBalancing).toBe('os');
  });

  it('takes round-robin, the cluster primary handing connections out in turn', () => {
    expect(loadConfig({ CONNECTION_BALANCING: 'round-robin' }).connectionBalancing).toBe('round-robin');
    expect(loadConfig({ CONNECTION_BALANCING: 'os' }).connectionBalancing).toBe('os');
  });

  it.each(['rr', 'none', 'RoundRobin', 'random'])('refuses %j, naming the choices', (text) => {
    const error = thrownBy(() => loadConfig({ CONNECTION_BALANCING: text }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`CONNECTION_BALANCING must be one of os, round-robin, got "${text}"`);
  });
});
