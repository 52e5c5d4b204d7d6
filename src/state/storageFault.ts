import { StorageFaultError } from '../errors';

/**
 * Runs one state-store operation; any failure comes out as a `StorageFaultError` (one already of
 * that kind passes through), so callers tell a storage fault from their own errors by type.
 */
export async function storeOperation<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof StorageFaultError) throw error;
    throw new StorageFaultError('The state store failed', { cause: error });
  }
}
