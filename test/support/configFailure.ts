import { loadConfig } from '../../src/config/loadConfig';
import { ConfigError } from '../../src/errors';

/** Minimal valid Graph settings, for tests that vary one variable. */
export const TEST_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const MINIMAL_ENV = { AZURE_TENANT_ID: TEST_TENANT, AZURE_CLIENT_ID: 'client', AZURE_CLIENT_SECRET: 's' } as const;

/** The `ConfigError` that `loadConfig` raises for this environment (fails the test if none). */
export function configFailure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
