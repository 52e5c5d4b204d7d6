import { scrubAttributes, scrubPath, scrubSpanName, scrubText, scrubUrl } from '../../src/telemetry/scrub';

describe('what may leave the process', () => {
  it('keeps the API words of a path and replaces every other segment, query dropped', () => {
    expect(scrubPath('/v1.0/users/adele@contoso.com?$select=id')).toBe('/v1.0/users/:id');
    expect(scrubPath('/v1.0/users/MeganB')).toBe('/v1.0/users/:id');
    expect(scrubPath('/v1.0/chats/19:abc@thread.v2/installedApps')).toBe('/v1.0/chats/:id/installedApps');
    expect(scrubPath('/v1.0/$batch')).toBe('/v1.0/$batch');
    expect(scrubPath('/v3/conversations/a%3A1xyz/activities/1732')).toBe('/v3/conversations/:id/activities/:id');
    expect(scrubPath('/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token')).toBe('/:id/oauth2/v2.0/token');
  });

  it('scrubs URLs down to scheme, host and scrubbed path', () => {
    expect(scrubUrl("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'adele@contoso.com'")).toBe('https://graph.microsoft.com/v1.0/users');
    expect(scrubUrl('https://graph.microsoft.com/v1.0/users/adele%40contoso.com')).toBe('https://graph.microsoft.com/v1.0/users/:id');
  });

  it('replaces addresses in free text', () => {
    expect(scrubText("Resource 'adele.vance@contoso.com' does not exist")).toBe("Resource '[address]' does not exist");
    expect(scrubText('graph throttled a paced call')).toBe('graph throttled a paced call');
  });

  it('scrubs URL attributes, drops queries and user agents, and scrubs span names that hold a path', () => {
    expect(scrubAttributes({
      'url.full': 'https://graph.microsoft.com/v1.0/users/meganb@contoso.com',
      'url.path': '/v1.0/users/meganb@contoso.com',
      'url.query': '$filter=x',
      'http.user_agent': 'node',
      'http.response.status_code': 404,
      note: 'for meganb@contoso.com',
    })).toEqual({
      'url.full': 'https://graph.microsoft.com/v1.0/users/:id',
      'url.path': '/v1.0/users/:id',
      'http.response.status_code': 404,
      note: 'for [address]',
    });
    expect(scrubSpanName('GET /v1.0/users/meganb@contoso.com')).toBe('GET /v1.0/users/:id');
    expect(scrubSpanName('people.lookup')).toBe('people.lookup');
  });
});
