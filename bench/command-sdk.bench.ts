/**
 * Reference for the `command` benchmark: the same warm setUserPreferredPresence sent through Microsoft's own
 * Graph JS SDK (@microsoft/microsoft-graph-client, its default middleware chain with a bearer-token step in
 * place of the SDK's Graph-host-only auth handler), against the same bare-fetch floor in the same run.
 * It is not used by the app; it shows where our client stands against the SDK on this path.
 */
import { Client, HTTPMessageHandler, RedirectHandler, RetryHandler, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { commandBenchmark, commandPair } from './command.bench.ts';
import type { Benchmark } from './harness.ts';

/** Adds `Authorization: Bearer` (the SDK's own AuthenticationHandler only does so for Graph hosts). */
class BearerStep implements Middleware {
  private next: Middleware | undefined;
  private readonly token: string;

  constructor(token: string) {
    this.token = token;
  }

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}` };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** `command.sdk`: the Graph JS SDK path, for comparison with `command`. */
export const commandSdkBench: Benchmark = commandBenchmark({
  name: 'command.sdk',
  description: 'reference: the same command through the Microsoft Graph JS SDK vs bare fetch',
  async target(env) {
    const chain: Middleware[] = [new BearerStep(env.token), new RetryHandler(), new RedirectHandler(), new TelemetryHandler(), new HTTPMessageHandler()];
    for (let i = 0; i < chain.length - 1; i++) chain[i]?.setNext?.(chain[i + 1] as Middleware);
    const client = Client.initWithMiddleware({ middleware: chain[0] as Middleware, baseUrl: `${env.baseUrl}/`, defaultVersion: 'v1.0' });
    return {
      send(i) {
        const pair = commandPair(i);
        return client
          .api('/me/presence/setUserPreferredPresence')
          .post({ availability: pair.availability, activity: pair.activity, expirationDuration: 'PT1H' });
      },
    };
  },
});
