import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AccessTokenService } from './accessTokens';
import { issueLeafCertificate, loadOrCreateCa } from './certificateAuthority';
import { ChatStore } from './chatStore';
import { ClientCertificateRegistry } from './clientCertificates';
import { UserDirectory, loadDirectoryFile } from './directory';
import { RuleFaultInjector } from './faultInjector';
import { GroupDirectory } from './groupDirectory';
import { TeamsAppCatalog } from './teamsAppCatalog';
import type { AppRegistration, TenantState } from './graphTypes';
import { repoRoot } from './repoRoot';
import { TokenBucketRateLimits } from './rateLimiter';
import { InMemoryRequestLog } from './requestLog';
import { createSandboxHandler } from './sandboxServer';
import type { AppInstalledEvent, SandboxOptions, SandboxTenant } from './types';

/** Loopback only: nothing outside this machine can reach the sandbox. */
const LISTEN_HOST = '127.0.0.1';

export function defaultStateDir(): string {
  return path.join(repoRoot(), '.sandbox');
}

export function defaultDirectoryFile(): string {
  return path.join(repoRoot(), 'env', 'sandbox-directory.json');
}

/** Creates the CA once (key + cert in stateDir, reused later) and returns its path. */
export async function ensureSandboxCa(stateDir: string = defaultStateDir()): Promise<{ caCertPath: string }> {
  const ca = await loadOrCreateCa(stateDir);
  return { caCertPath: ca.caCertPath };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxTenant> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const [ca, directoryFile, tokens] = await Promise.all([
    loadOrCreateCa(stateDir),
    loadDirectoryFile(options.directoryFile ?? defaultDirectoryFile()),
    AccessTokenService.create(options.tokenLifetimeSeconds ?? 3600),
  ]);
  const leaf = issueLeafCertificate(ca);

  const app: AppRegistration = {
    clientId: directoryFile.app.clientId,
    displayName: directoryFile.app.displayName,
    clientSecret: directoryFile.app.clientSecret,
    servicePrincipalId: randomUUID(),
    permissions: [...directoryFile.app.permissions],
  };
  const directory = new UserDirectory(directoryFile.users);
  const tenant: TenantState = {
    origin: '', // known once listening
    tenantId: directoryFile.tenant.id,
    tenantDisplayName: directoryFile.tenant.displayName,
    domains: directoryFile.tenant.domains,
    app,
    directory,
    groups: new GroupDirectory(directoryFile.groups, directoryFile.orgContacts, directory),
    chats: new ChatStore(),
    catalog: new TeamsAppCatalog(directoryFile.teamsApps.map((entry) => ({ ...entry, azureADAppId: entry.azureADAppId ?? app.clientId }))),
    installListeners: new Set<(event: AppInstalledEvent) => void>(),
    certificates: new ClientCertificateRegistry(),
    tokens,
  };
  const log = new InMemoryRequestLog();
  const faults = new RuleFaultInjector();
  const rateLimits = new TokenBucketRateLimits();
  const server = createServer({ key: leaf.keyPem, cert: leaf.certPem }, createSandboxHandler({ tenant, log, faults, rateLimits }));
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  tenant.origin = `https://localhost:${port}`;

  return {
    origin: tenant.origin,
    caCertPath: ca.caCertPath,
    tenantId: tenant.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    requests: log,
    faults,
    rateLimits,
    chats: { list: () => tenant.chats.list() },
    teamsApps: { list: () => tenant.catalog.list(), set: (apps) => tenant.catalog.set(apps) },
    onAppInstalled(listener) {
      tenant.installListeners.add(listener);
      return () => tenant.installListeners.delete(listener);
    },
    setAppPermissions(permissions: string[]): void {
      app.permissions = [...permissions];
    },
    addClientCertificate(certificatePem: string): void {
      tenant.certificates.add(certificatePem);
    },
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LISTEN_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets from clients would otherwise hold close() open.
    server.closeAllConnections();
  });
}
