import { join } from 'node:path';
import { PlaygroundStartError, startPlayground } from '../../src/dev/playground';

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
});
