import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaygroundStartError, startPlayground } from '../../src/dev/playground';
import { listeningAddresses } from '../support/listeningAddresses';
import { renderPlaygroundConfig, type PlaygroundUser } from '../../src/dev/playgroundConfig';

function sandboxUser(n: number, name: string): PlaygroundUser {
  const [givenName = name, surname = name] = name.split(' ');
  const alias = givenName.toLowerCase();
  return {
    id: `user-id-${n}`,
    name,
    userPrincipalName: `${alias}@contoso.test`,
    aadObjectId: `aaaaaaaa-0000-4000-8000-00000000002${n}`,
    givenName,
    surname,
    email: `${alias}@contoso.test`,
  };
}

// The Playground process on its own, without a browser or a bot behind it.
describe('startPlayground', () => {
  it('serves the UI on the port it reports, with the mock connector beside it, and stops it', async () => {
    const playground = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0 });
    let stopped = false;
    try {
      expect(playground.url).toBe(`http://127.0.0.1:${playground.port}/`);
      expect(playground.serviceUrl).toBe(`http://localhost:${playground.port}/_connector`);
      const page = await fetch(playground.url);
      expect(await page.text()).toContain('<title>Microsoft 365 Agents Playground</title>');
      const ping = await fetch(`http://127.0.0.1:${playground.port}/_debug/ping`);
      expect(await ping.text()).toBe('pong');
      // It relays to a bot without authentication: nothing of it may be reachable from the network.
      expect(listeningAddresses(playground.port)).toEqual(['127.0.0.1']);

      await playground.stop();
      stopped = true;
      await expect(fetch(playground.url)).rejects.toThrow();
    } finally {
      if (!stopped) await playground.stop();
    }
  });

  it('fails with the process output when the Playground cannot start', async () => {
    const starting = startPlayground({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port: 0,
      cliPath: join(__dirname, 'no-such-cli.js'),
    });

    await expect(starting).rejects.toBeInstanceOf(PlaygroundStartError);
    await expect(starting).rejects.toMatchObject({ output: expect.arrayContaining([expect.stringContaining('Cannot find module')]) });
  });

  it('takes its mock tenant from a rendered config file, connector included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'playground-config-'));
    const configPath = join(dir, '.m365agentsplayground.yml');
    await writeFile(
      configPath,
      renderPlaygroundConfig({
        tenantId: '11111111-2222-4333-8444-555555555555',
        bot: { id: '99999999-0000-4000-8000-000000000001', name: 'Chat Starter' },
        currentUser: sandboxUser(0, 'Alex Wilber'),
        users: [
          sandboxUser(1, 'Megan Bowen'),
          sandboxUser(2, 'Adele Vance'),
          sandboxUser(3, 'Isaiah Langer'),
          sandboxUser(4, 'Patti Fernandez'),
          sandboxUser(5, 'Lynne Robbins'),
        ],
        personalChatId: 'personal-chat-for-test',
      }),
    );
    const playground = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0, configPath });
    try {
      // What TeamsInfo.getMember(context, activity.from.id) asks the mock connector for.
      const member = await fetch(`${playground.serviceUrl}/v3/conversations/personal-chat-for-test/members/user-id-0`);

      expect(member.status).toBe(200);
      expect(await member.json()).toMatchObject({
        id: 'user-id-0',
        aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000020',
        userPrincipalName: 'alex@contoso.test',
        tenantId: '11111111-2222-4333-8444-555555555555',
      });
    } finally {
      await playground.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
