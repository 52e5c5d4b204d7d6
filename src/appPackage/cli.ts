import path from 'node:path';
import { COMMANDS } from '../commands/catalog';
import { runCli } from './runCli';

/** Entry point: `node dist-tools/appPackage/cli.js package --env dev` (see cliArgs.ts for usage). */
runCli(process.argv.slice(2), {
  // dist-tools/appPackage/cli.js → repository root.
  rootDir: path.resolve(__dirname, '..', '..'),
  env: process.env,
  commands: COMMANDS,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
