/**
 * The parts of a message extension action invoke's `value` the routes read. Only the shape is
 * checked here (an object, or nothing); each field is checked where it is used.
 */
export interface ActionValue {
  readonly commandId: unknown;
  readonly commandContext: unknown;
  readonly messagePayload: unknown;
  /** The dialog's inputs and its button's data (submitAction only). */
  readonly data: unknown;
}

export function readActionValue(value: unknown): ActionValue {
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { commandId: record['commandId'], commandContext: record['commandContext'], messagePayload: record['messagePayload'], data: record['data'] };
}
