import { loadConfig } from '../../src/config/loadConfig';
import { MINIMAL_ENV, configFailure } from '../support/configFailure';

describe('pacing configuration', () => {
  it("defaults to Graph's documented budgets, spent at 83%, giving up after 60 s", () => {
    const { pacing } = loadConfig(MINIMAL_ENV);
    expect(pacing).toEqual({
      chatCreation: { limitPerSecond: 20, sustainedFraction: 0.83, maxWaitMs: 60_000 },
      lookups: { limitPerSecond: 350, sustainedFraction: 0.83, maxWaitMs: 60_000 },
      installs: { limitPerSecond: 30, sustainedFraction: 0.83, maxWaitMs: 60_000 },
    });
    expect(Object.isFrozen(pacing.chatCreation)).toBe(true);
  });

  it('reads each budget from its variable', () => {
    const { pacing } = loadConfig({ ...MINIMAL_ENV, GRAPH_CHAT_CREATE_RATE: '10', GRAPH_LOOKUP_RATE: '800', GRAPH_INSTALL_RATE: '5', GRAPH_SUSTAINED_FRACTION: '1', GRAPH_MAX_WAIT_SECONDS: '30' });
    expect(pacing.chatCreation).toEqual({ limitPerSecond: 10, sustainedFraction: 1, maxWaitMs: 30_000 });
    expect(pacing.lookups.limitPerSecond).toBe(800);
    expect(pacing.installs).toEqual({ limitPerSecond: 5, sustainedFraction: 1, maxWaitMs: 30_000 });
  });

  it.each([
    ['GRAPH_CHAT_CREATE_RATE', '0'],
    ['GRAPH_CHAT_CREATE_RATE', 'fast'],
    ['GRAPH_LOOKUP_RATE', '-5'],
    ['GRAPH_INSTALL_RATE', 'many'],
    ['GRAPH_SUSTAINED_FRACTION', '1.2'],
    ['GRAPH_MAX_WAIT_SECONDS', '0'],
  ])('names %s when it is %s', (name, value) => {
    const error = configFailure({ ...MINIMAL_ENV, [name]: value });
    expect(error.variable).toBe(name);
    expect(error.message).toContain(value);
  });
});
