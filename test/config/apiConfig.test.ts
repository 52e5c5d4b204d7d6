import { loadConfig } from '../../src/config/loadConfig';
import { MINIMAL_ENV, configFailure } from '../support/configFailure';

const CALLER = '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081';
const OTHER = '2c3d4e5f-6071-4829-ab3c-4d5e6f708192';

describe('the API configuration', () => {
  it('is off unless API_AUDIENCE and API_CALLERS are both set', () => {
    expect(loadConfig(MINIMAL_ENV).api).toBeUndefined();
    expect(configFailure({ ...MINIMAL_ENV, API_AUDIENCE: 'api://x' }).message).toContain('API_CALLERS');
    expect(configFailure({ ...MINIMAL_ENV, API_CALLERS: `${CALLER}=Desk` }).message).toContain('API_AUDIENCE');
  });

  it('reads audiences, callers with their names, the per-caller limit and the service URL, with defaults', () => {
    const api = loadConfig({ ...MINIMAL_ENV, API_AUDIENCE: ' 7d3c1b2a-5e4f-4a6b-8c9d-0e1f2a3b4c5d , api://chat-starter ', API_CALLERS: `${CALLER.toUpperCase()}=Incident Desk; ${OTHER} = Release Pipeline;` }).api!;
    expect(api).toEqual({
      audiences: ['7d3c1b2a-5e4f-4a6b-8c9d-0e1f2a3b4c5d', 'api://chat-starter'],
      callers: [{ clientId: CALLER, name: 'Incident Desk' }, { clientId: OTHER, name: 'Release Pipeline' }],
      chatsPerMinute: 60,
      teamsServiceUrl: 'https://smba.trafficmanager.net/teams/',
    });
    const tuned = loadConfig({ ...MINIMAL_ENV, API_AUDIENCE: 'api://x', API_CALLERS: `${CALLER}=Desk`, API_CHATS_PER_MINUTE: '5', TEAMS_SERVICE_URL: 'http://127.0.0.1:4000' }).api!;
    expect(tuned.chatsPerMinute).toBe(5);
    expect(tuned.teamsServiceUrl).toBe('http://127.0.0.1:4000/');
  });

  it.each([
    [{ API_CALLERS: 'not-a-guid=Desk' }, 'not a client id'],
    [{ API_CALLERS: CALLER }, 'has no name'],
    [{ API_CALLERS: `${CALLER}=<b>Desk</b>` }, 'plain text'],
    [{ API_CALLERS: `${CALLER}=A;${CALLER}=B` }, 'listed twice'],
    [{ API_CALLERS: ';;' }, 'names no caller'],
    [{ API_AUDIENCE: 'api://a b' }, 'API_AUDIENCE'],
    [{ API_CHATS_PER_MINUTE: '0' }, 'API_CHATS_PER_MINUTE'],
    [{ API_CHATS_PER_MINUTE: '2.5' }, 'API_CHATS_PER_MINUTE'],
    [{ TEAMS_SERVICE_URL: 'http://smba.example/' }, 'https'],
    [{ TEAMS_SERVICE_URL: 'nonsense' }, 'not a URL'],
  ])('stops at start-up for %j', (overrides, message) => {
    expect(configFailure({ ...MINIMAL_ENV, API_AUDIENCE: 'api://x', API_CALLERS: `${CALLER}=Desk`, ...overrides }).message).toContain(message);
  });
});
