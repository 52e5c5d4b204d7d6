import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';

/** The only choice the echo card offers besides the default, and what the bot says about each. */
export const echoChoices = [
  { title: 'Megan Bowen', value: 'megan' },
  { title: 'Adele Vance', value: 'adele' },
] as const;

export const echoCardLinkUrl = 'https://teams.microsoft.com/l/chat/0/0?users=meganb@example.com';

/** An Adaptive Card like the ones Chat Starter sends: a choice, a link, and Execute with a fallback. */
export function echoCard(text: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `You said ${text}`, wrap: true, weight: 'Bolder' },
      {
        type: 'Input.ChoiceSet',
        id: 'person',
        style: 'expanded',
        label: 'Who?',
        value: echoChoices[0].value,
        choices: echoChoices.map((c) => ({ title: c.title, value: c.value })),
      },
    ],
    actions: [
      { type: 'Action.OpenUrl', title: 'Open chat', url: echoCardLinkUrl },
      {
        type: 'Action.Execute',
        title: 'Continue',
        verb: 'choosePerson',
        data: { said: text },
        fallback: { type: 'Action.Submit', title: 'Continue', data: { verb: 'choosePerson', said: text } },
      },
    ],
  };
}

/** Test bot: echoes text, sends {@link echoCard}, and replaces the card when Continue is pressed. */
class EchoHandler extends ActivityHandler {
  constructor(private readonly received: Activity[]) {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      await context.sendActivity(`Echo: ${text}`);
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(echoCard(text))));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.received.push(context.activity);
    await super.run(context);
  }

  protected override async onAdaptiveCardInvoke(
    _context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = echoChoices.find((c) => c.value === invokeValue.action.data['person']);
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: `${invokeValue.action.verb}: ${person?.title ?? 'nobody'} for "${String(invokeValue.action.data['said'])}"`,
          wrap: true,
        },
      ],
    };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

export interface RunningEchoBot {
  /** `http://127.0.0.1:<port>/api/messages` */
  endpoint: string;
  /** Every activity the bot was given, in arrival order. */
  readonly received: readonly Activity[];
  close(): Promise<void>;
}

/** Starts the echo bot over real HTTP on 127.0.0.1 and an ephemeral port, anonymous (empty app id). */
export async function startEchoBot(): Promise<RunningEchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' }));
  const received: Activity[] = [];
  const handler = new EchoHandler(received);
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => handler.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The Playground's HTTP client keeps sockets alive; do not wait for them to time out.
        server.server.closeAllConnections();
      }),
  };
}
