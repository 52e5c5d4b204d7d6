import { ensureSandboxCa, startSandbox } from './sandboxTenant';

/**
 * `node dist-tools/sandbox/cli.js`: run the sandbox tenant alone and print how to point the bot at it.
 * `node dist-tools/sandbox/cli.js --ensure-ca`: only create the CA if missing and print its path.
 * The only place in the sandbox that reads the environment.
 */
async function main(argv: string[]): Promise<void> {
  if (argv.includes('--ensure-ca')) {
    const { caCertPath } = await ensureSandboxCa();
    process.stdout.write(`${caCertPath}\n`);
    return;
  }
  const port = parsePort(process.env['SANDBOX_PORT']);
  const started = Date.now();
  const sandbox = await startSandbox({ port });
  const lines = [
    `Sandbox tenant listening on ${sandbox.origin} (started in ${Date.now() - started} ms)`,
    '',
    `origin:        ${sandbox.origin}`,
    `CA (trust it): ${sandbox.caCertPath}`,
    `tenant id:     ${sandbox.tenantId}`,
    `client id:     ${sandbox.clientId}`,
    `client secret: ${sandbox.clientSecret}`,
    '',
    '# Point the bot at it (the CA must be trusted when the bot process starts):',
    `NODE_EXTRA_CA_CERTS=${sandbox.caCertPath}`,
    `AZURE_AUTHORITY_HOST=${sandbox.origin}`,
    `GRAPH_ENDPOINT=${sandbox.origin}`,
    `AZURE_TENANT_ID=${sandbox.tenantId}`,
    `AZURE_CLIENT_ID=${sandbox.clientId}`,
    `AZURE_CLIENT_SECRET=${sandbox.clientSecret}`,
    '',
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\n${signal}: stopping the sandbox tenant.\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number (0-65535), got '${value}'`);
  }
  return port;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
