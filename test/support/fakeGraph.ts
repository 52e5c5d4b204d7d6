import { CreateChatBody, GraphApi, GraphChat, GraphSubRequest, GraphSubResponse } from '../../src/graph/graphTypes';

type Answer = Omit<GraphSubResponse, 'id'>;

/** A scripted `GraphApi` for unit tests: each sub-request is answered by the test's function. */
export class FakeGraph implements GraphApi {
  readonly batches: GraphSubRequest[][] = [];
  readonly created: CreateChatBody[] = [];
  createChatImpl: (body: CreateChatBody) => Promise<GraphChat> = async (body) => ({
    id: body.chatType === 'group' ? `19:${this.created.length}@thread.v2` : '19:a_b@unq.gbl.spaces',
    chatType: body.chatType,
    topic: body.topic ?? null,
    webUrl: null,
  });

  constructor(private readonly answer: (request: GraphSubRequest, attempt: number) => Answer) {}

  async batch(requests: readonly GraphSubRequest[]): Promise<GraphSubResponse[]> {
    this.batches.push([...requests]);
    const attempt = this.batches.length;
    return requests.map((request) => ({ id: request.id, ...this.answer(request, attempt) }));
  }

  async createChat(body: CreateChatBody): Promise<GraphChat> {
    this.created.push(body);
    return this.createChatImpl(body);
  }
}

export const ok = (body: unknown): Answer => ({ status: 200, headers: {}, body });
export const status = (code: number, headers: Record<string, string> = {}): Answer => ({ status: code, headers, body: { error: { code: 'x', message: 'y' } } });

export function graphUser(id: string, displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const upn = `${displayName.toLowerCase().replace(/[^a-z]/g, '')}@contoso.com`;
  return { id, displayName, userPrincipalName: upn, mail: upn, userType: 'Member', accountEnabled: true, otherMails: [], ...extra };
}
