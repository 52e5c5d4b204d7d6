import { SandboxTenant } from '../../src/sandbox';
import { Azurite } from './azurite';
import { sandboxEnv } from './botOnSandbox';
import { BotProcess, startBotProcess } from './botProcess';
import { ConnectorStub } from './connectorStub';
import { StackOnAzurite, startStackOnAzurite } from './stackOnAzurite';

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
export async function startTwoInstances(
  container: string,
  extraEnv: Record<string, string> | ((stack: StackOnAzurite) => Record<string, string>) = {},
): Promise<TwoInstances> {
  const stack = await startStackOnAzurite();
  const { sandbox, azurite, connector } = stack;
  const env = {
    ...sandboxEnv(sandbox),
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    STATE_BLOB_CONTAINER: container,
    ...(typeof extraEnv === 'function' ? extraEnv(stack) : extraEnv),
  };
  const bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  return {
    sandbox,
    azurite,
    connector,
    bots: [bots[0]!, bots[1]!],
    async stop() {
      await Promise.all(bots.map((bot) => bot.stop()));
      await stack.stop();
    },
  };
}
