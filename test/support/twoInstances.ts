import { SandboxTenant } from '../../src/sandbox';
import { Azurite, uniqueContainer } from './azurite';
import { sandboxEnv } from './botOnSandbox';
import { BotProcess, startBotProcess } from './botProcess';
import { ConnectorStub } from './connectorStub';
import { StackOnAzurite, StackOptions, startStackOnAzurite } from './stackOnAzurite';

export interface TwoInstances {
  readonly sandbox: SandboxTenant;
  readonly azurite: Azurite;
  readonly connector: ConnectorStub;
  readonly bots: readonly [BotProcess, BotProcess];
  stop(): Promise<void>;
}

/**
 * One sandbox tenant, one Bot Connector stand-in and two compiled bot processes sharing their
 * state in one Blob container on Azurite (named from `containerPrefix`, unique in the run): what
 * Teams sees of a bot scaled out to two instances.
 */
export async function startTwoInstances(
  containerPrefix: string,
  extraEnv: Record<string, string> | ((stack: StackOnAzurite) => Record<string, string>) = {},
  options: StackOptions = {},
): Promise<TwoInstances> {
  const stack = await startStackOnAzurite(options);
  const { sandbox, azurite, connector } = stack;
  const env = {
    ...sandboxEnv(sandbox),
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    STATE_BLOB_CONTAINER: uniqueContainer(containerPrefix),
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
