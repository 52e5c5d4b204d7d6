import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { Azurite, sharedAzurite, startAzurite } from './azurite';
import { ConnectorStub } from './connectorStub';

/** What bot processes sharing Blob state talk to: the sandbox tenant, Azurite and a Bot Connector stand-in. */
export interface StackOnAzurite {
  readonly sandbox: SandboxTenant;
  readonly azurite: Azurite;
  readonly connector: ConnectorStub;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** `own`: an Azurite for this stack alone, for a test that stops storage; else the run's shared one. */
  readonly azurite?: 'shared' | 'own';
}

export async function startStackOnAzurite(options: StackOptions = {}): Promise<StackOnAzurite> {
  const sandbox = await startSandbox({ port: 0 });
  const azurite = options.azurite === 'own' ? await startAzurite() : sharedAzurite();
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
