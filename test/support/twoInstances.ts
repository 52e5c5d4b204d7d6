import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { Azurite, startAzurite } from './azurite';
import { sandboxEnv } from './botOnSandbox';
import { BotProcess, startBotProcess } from './botProcess';
import { ConnectorStub } from './connectorStub';

export interface TwoInstances {
  readonly sandbox: SandboxTenant;
  readonly azurite: Azurite;
  readonly connector: ConnectorStub;
  readonly bots: readonly [BotProcess, BotProcess];
  stop(): Promise<void>;
}

/**
 * One sandbox tenant, one Bot Connector stand-in and two compiled bot processes sharing their
 * state in one Blob container on Azurite: what Teams sees of a bot scaled out to two instances.
 */
export async function startTwoInstances(container: string, extraEnv: Record<string, string> = {}): Promise<TwoInstances> {
  const sandbox = await startSandbox({ port: 0 });
  const azurite = await startAzurite();
  const connector = new ConnectorStub();
  await connector.start();
  const env = { ...sandboxEnv(sandbox), AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_CONTAINER: container, ...extraEnv };
  const bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  return {
    sandbox,
    azurite,
    connector,
    bots: [bots[0]!, bots[1]!],
    async stop() {
      await Promise.all(bots.map((bot) => bot.stop()));
      await connector.stop();
      await azurite.stop();
      await sandbox.close();
    },
  };
}
