import type { GatewayName } from '../schema.js';
import { sandboxGateway } from './sandbox.js';
import { type StripeApi, stripeGateway } from './stripe.js';
import type { Gateway } from './types.js';

export type Gateways = Record<GatewayName, Gateway>;

/** The gateways, built once where the routes and the worker are wired. */
export function createGateways(opts: { stripeApi?: StripeApi } = {}): Gateways {
  return { sandbox: sandboxGateway, stripe: stripeGateway(opts.stripeApi) };
}

export type { Fact, Gateway, VerifiedWebhook } from './types.js';
