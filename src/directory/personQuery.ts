/** What the directory is asked to find; commands parse it from text, cards send ids. Pure data. */

/** One person as the user named them; `text` is what they typed, for replies. */
export type PersonQuery =
  | { readonly kind: 'objectId'; readonly id: string; readonly text: string }
  | { readonly kind: 'address'; readonly address: string; readonly text: string }
  | { readonly kind: 'federated'; readonly id: string; readonly tenantId: string; readonly text: string }
  | { readonly kind: 'mention'; readonly memberId: string; readonly name: string; readonly text: string }
  | { readonly kind: 'name'; readonly name: string; readonly text: string }
  /** A group picked on a card (by id): its users are the people. */
  | { readonly kind: 'group'; readonly id: string; readonly text: string };
