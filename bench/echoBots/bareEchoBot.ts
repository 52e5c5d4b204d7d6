import { portFromEnvironment, runEchoServer } from './echoServer';

/** Baseline 1: botbuilder + restify answering every message with a line of text; no Graph. */
runEchoServer(portFromEnvironment(process.env), async (context) => {
  await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
}).catch((error: unknown) => {
  process.stderr.write(`bare echo bot failed: ${String(error)}\n`);
  process.exit(1);
});
