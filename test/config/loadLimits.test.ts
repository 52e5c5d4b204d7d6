import { loadConfig } from '../../src/config/loadConfig';
import { MINIMAL_ENV, configFailure } from '../support/configFailure';

describe('abuse and edge limits in the configuration', () => {
  it('has defaults a real tenant accepts', () => {
    const config = loadConfig(MINIMAL_ENV);
    expect(config.limits).toEqual({ chatsPerMinute: 10, chatsPerDay: 200, peoplePerChat: 200, textLength: 8000, groupConfirmAbove: 20 });
    expect(config.edge).toEqual({ maxBodyBytes: 256 * 1024, maxInflationRatio: 100, bodyReadTimeoutMs: 10_000 });
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reads each limit from its variable', () => {
    const config = loadConfig({ ...MINIMAL_ENV, LIMIT_CHATS_PER_MINUTE: '3', LIMIT_CHATS_PER_DAY: '50', LIMIT_PEOPLE_PER_CHAT: '25', LIMIT_TEXT_LENGTH: '2000', BODY_READ_TIMEOUT_MS: '5000', GROUP_CONFIRM_ABOVE: '0' });
    expect(config.limits).toEqual({ chatsPerMinute: 3, chatsPerDay: 50, peoplePerChat: 25, textLength: 2000, groupConfirmAbove: 0 });
    expect(config.edge.bodyReadTimeoutMs).toBe(5000);
  });

  it.each([
    ['LIMIT_CHATS_PER_MINUTE', '0'],
    ['LIMIT_CHATS_PER_MINUTE', 'ten'],
    ['LIMIT_CHATS_PER_DAY', '-1'],
    ['LIMIT_CHATS_PER_DAY', '1.5'],
    // Graph adds at most 200 people to a chat at a time: a new chat cannot hold more.
    ['LIMIT_PEOPLE_PER_CHAT', '201'],
    ['LIMIT_PEOPLE_PER_CHAT', '1'],
    ['LIMIT_TEXT_LENGTH', '5'],
    ['BODY_READ_TIMEOUT_MS', '0'],
    ['GROUP_CONFIRM_ABOVE', '201'],
    ['GROUP_CONFIRM_ABOVE', 'some'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const error = configFailure({ ...MINIMAL_ENV, [name]: value });
    expect(error.variable).toBe(name);
    expect(error.message).toMatch(/must be a whole number from \d+ to \d+/);
  });
});
