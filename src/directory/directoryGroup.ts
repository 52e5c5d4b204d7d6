/** A group of the home tenant, as the bot needs it to name it and read its members. */
export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  readonly mail: string | undefined;
  readonly proxyAddresses: readonly string[];
  readonly kind: GroupKind;
  /** Only apps granted Member.Read.Hidden may list the members. */
  readonly hiddenMembership: boolean;
}

export type GroupKind = 'microsoft365' | 'security' | 'mailEnabledSecurity' | 'distribution';

/** `$select` for every group look-up: `groupTypes` and the flags tell the kinds apart. */
export const GROUP_SELECT = 'id,displayName,mail,proxyAddresses,groupTypes,mailEnabled,securityEnabled,visibility';

/** Reads one group object from Graph's JSON; undefined when it is not usable. */
export function readDirectoryGroup(raw: unknown): DirectoryGroup | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.id !== 'string' || typeof value.displayName !== 'string' || value.displayName === '') return undefined;
  const strings = (field: unknown): string[] => (Array.isArray(field) ? field.filter((item): item is string => typeof item === 'string') : []);
  return {
    id: value.id.toLowerCase(),
    displayName: value.displayName,
    mail: typeof value.mail === 'string' && value.mail !== '' ? value.mail : undefined,
    proxyAddresses: strings(value.proxyAddresses),
    kind: kindOf(strings(value.groupTypes), value.mailEnabled === true, value.securityEnabled === true),
    hiddenMembership: value.visibility === 'HiddenMembership',
  };
}

function kindOf(groupTypes: readonly string[], mailEnabled: boolean, securityEnabled: boolean): GroupKind {
  if (groupTypes.includes('Unified')) return 'microsoft365';
  if (!mailEnabled) return 'security';
  return securityEnabled ? 'mailEnabledSecurity' : 'distribution';
}

const KIND_LABELS: Record<GroupKind, string> = {
  microsoft365: 'Microsoft 365 group',
  security: 'Security group',
  mailEnabledSecurity: 'Mail-enabled security group',
  distribution: 'Distribution list',
};

export function groupKindLabel(kind: GroupKind): string {
  return KIND_LABELS[kind];
}
