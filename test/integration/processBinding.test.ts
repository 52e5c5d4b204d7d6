import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BotOnSandbox, cardOf, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

const PRELOAD = path.resolve(__dirname, '..', 'support', 'processBindingWatch.cjs');

/** The JSON lines the preload printed about `process.binding` calls. */
function bindingCalls(lines: readonly string[]): { module: string; stack: string[] }[] {
  return lines.filter((line) => line.includes('"process.binding called"')).map((line) => JSON.parse(line) as { module: string; stack: string[] });
}

/**
 * Node 24 removed internals that `process.binding` once reached (restify 11's spdy → http-deceiver
 * asked for `http_parser` and the bot did not start). Asked of the running bot itself: nothing it
 * loads calls `process.binding`, at start or while it serves a request.
 */
describe('process.binding', () => {
  it('the watch reports a call (so an empty report below means none was made)', () => {
    const run = spawnSync(process.execPath, ['-r', PRELOAD, '-e', "try { process.binding('natives') } catch {}"], { encoding: 'utf8' });
    const calls = bindingCalls(run.stdout.split('\n'));
    expect(calls.map((call) => call.module)).toEqual(['natives']);
  });

  describe('in the running bot', () => {
    let stack: BotOnSandbox;
    beforeAll(async () => {
      stack = await startBotOnSandbox({ NODE_OPTIONS: `-r ${PRELOAD}` });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('is never called while the bot starts and serves a typed request', async () => {
      expect(stack.bot.logs.some((line) => line.includes('"process.binding watched"'))).toBe(true);
      const res = await stack.bot.post(
        messageActivity({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'start chat with Megan Bowen and Adele Vance about Node' }),
      );
      expect(res.status).toBeLessThan(300);
      const [reply] = await stack.connector.waitForSent(1);
      expect(openUrls(cardOf(reply!.activity))).toHaveLength(1);
      expect(bindingCalls(stack.bot.logs)).toEqual([]);
    });
  });
});
