import { availableParallelism } from 'node:os';
import { ConfigError } from '../../src/config/GatewayConfig';
import { loadConfig } from '../../src/config/loadConfig';
import { thrownBy } from './thrownBy';

describe('WORKERS', () => {
  it('defaults to one worker per available core', () => {
    expect(loadConfig({}).workers).toBe(availableParallelism());
    expect(loadConfig({ WORKERS: '' }).workers).toBe(availableParallelism());
  });

  it('takes a positive whole number', () => {
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '12' }).workers).toBe(12);
    expect(loadConfig({ WORKERS: ' 3 ' }).workers).toBe(3);
  });

  it.each(['0', '-2', '2.5', 'two', '1e1', '0x4', 'auto'])('refuses %j, saying what it needs', (text) => {
    const error = thrownBy(() => loadConfig({ WORKERS: text }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`WORKERS must be a positive integer, got "${text}"`);
  });

  it('is reported with every other bad setting at once', () => {
    const { message } = thrownBy(() => loadConfig({ WORKERS: '0', PORT: 'eighty' }));
    expect(message).toContain('PORT must be a non-negative integer, got "eighty"');
    expect(message).toContain('WORKERS must be a positive integer, got "0"');
  });
});
