import { apiTryOutCommand } from './apiTryOut';
import { startDevStack } from './devStack';

/**
 * `npm run dev`: the whole try-out on this machine, no tenant, subscription or tunnel needed.
 * This entry point is the only dev file that reads the environment.
 */
async function main(): Promise<void> {
  const port = (name: string, fallback: number): number => {
    const raw = process.env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, not "${raw}"`);
    return value;
  };
  const verbose = process.env.DEV_VERBOSE === '1';
  process.stdout.write('Starting the sandbox tenant, the bot and Microsoft 365 Agents Playground…\n');
  const stack = await startDevStack({
    botPort: port('PORT', 3978),
    playgroundPort: port('PLAYGROUND_PORT', 56150),
    sandboxPort: port('SANDBOX_PORT', 0),
    botEnv: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    onBotLine: (line) => {
      if (verbose || /"level":(40|50|60)/.test(line)) process.stdout.write(`[bot] ${line}\n`);
    },
    onPlaygroundLine: (line) => {
      if (verbose) process.stdout.write(`[playground] ${line}\n`);
    },
  });
  process.stdout.write(
    [
      '',
      `  Sandbox tenant (Entra ID + Graph): ${stack.sandbox.origin}`,
      `  Bot:                               ${stack.bot.url}/api/messages (anonymous local mode)`,
      `  Agents Playground:                 ${stack.playground.url}`,
      '',
      `  Open ${stack.playground.url} and type: start chat with Megan Bowen and Adele Vance about Launch`,
      '  You are signed in as Alex Wilber. People to try: Megan Bowen, Adele Vance, Megan (two Megans),',
      "  Patrick O'Brien, pat@fabrikam.com (a guest), Diego Siciliani (disabled). Groups to try: launch@contoso.com",
      '  or the Launch team (nested, one disabled), Design (a group and a room), northwind@contoso.com (30: asks first),',
      '  fieldops@contoso.com (300: refused), leadership@contoso.com (hidden), retired@contoso.com (empty).',
      '  See env/sandbox-directory.json.',
      ...apiLines(apiTryOutCommand(stack.sandbox, stack.bot.url)),
      '  Press Ctrl-C to stop all three.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** How to try the chats API (docs/api.md) from a shell. */
function apiLines(command: string): string[] {
  if (command === '') return [];
  return ['  Start a chat through the API, as the sandbox app "Incident Desk" (docs/api.md):', '', `    ${command}`, ''];
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start the try-out: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
