import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { Azurite, startAzurite } from './azurite';
import { ConnectorStub } from './connectorStub';

/** What bot processes sharing Blob state talk to: the sandbox tenant, Azurite and a Bot Connector stand-in. */
export interface StackOnAzurite {
  readonly sandbox: SandboxTenant;
  readonly azurite: Azurite;
  readonly connector: ConnectorStub;
  stop(): Promise<void>;
}

export async function startStackOnAzurite(): Promise<StackOnAzurite> {
  const sandbox = await startSandbox({ port: 0 });
  const azurite = await startAzurite();
  const connector = new ConnectorStub();
  await connector.start();
  return {
    sandbox,
    azurite,
    connector,
    async stop() {
      await connector.stop();
      await azurite.stop();
      await sandbox.close();
    },
  };
}
