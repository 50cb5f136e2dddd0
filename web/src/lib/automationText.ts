import type { Membership, Named, Step, StepType, Trigger, TriggerType } from '../api/types';

/** What automations name by id, by name: tags, lists and memberships with their levels. */
export type AutomationNames = {
  tags: Map<number, string>;
  lists: Map<number, string>;
  memberships: Map<number, Membership>;
};

export const namesOf = (
  tags: Named[] | undefined,
  lists: Named[] | undefined,
  memberships: Membership[] | undefined,
): AutomationNames => ({
  tags: new Map((tags ?? []).map((t) => [t.id, t.name])),
  lists: new Map((lists ?? []).map((l) => [l.id, l.name])),
  memberships: new Map((memberships ?? []).map((m) => [m.id, m])),
});

export const TRIGGER_LABELS: Record<TriggerType, string> = {
  tag_applied: 'A tag is applied',
  tag_removed: 'A tag is removed',
  list_subscribed: 'A lead subscribes to a list',
  list_unsubscribed: 'A lead unsubscribes from a list',
  lead_created: 'A lead is created',
  product_purchased: 'A product is purchased',
  subscription_cancelled: 'A subscription is cancelled',
  form_submitted: 'A form is submitted',
};

export const STEP_LABELS: Record<StepType, string> = {
  grant_membership: 'Grant membership access',
  revoke_membership: 'Revoke membership access',
  apply_tag: 'Apply a tag',
  remove_tag: 'Remove a tag',
  subscribe_list: 'Subscribe to a list',
  unsubscribe_list: 'Unsubscribe from a list',
  send_email: 'Send an email',
  wait: 'Wait',
  webhook: 'Call a webhook',
};

const quoted = (name: string | undefined, what: string, id: number) =>
  name ? `“${name}”` : `${what} #${id}`;

/** "When tag “Gold” is applied": the trigger in one sentence. */
export function describeTrigger(t: Trigger, n: AutomationNames): string {
  switch (t.type) {
    case 'tag_applied':
      return `When tag ${quoted(n.tags.get(t.tag_id), 'tag', t.tag_id)} is applied`;
    case 'tag_removed':
      return `When tag ${quoted(n.tags.get(t.tag_id), 'tag', t.tag_id)} is removed`;
    case 'list_subscribed':
      return `When a lead subscribes to ${quoted(n.lists.get(t.list_id), 'list', t.list_id)}`;
    case 'list_unsubscribed':
      return `When a lead unsubscribes from ${quoted(n.lists.get(t.list_id), 'list', t.list_id)}`;
    case 'lead_created':
      return 'When a lead is created';
    case 'form_submitted':
      return `When form #${t.form_id} is submitted`;
    case 'product_purchased':
      return `When product #${t.product_id} is purchased`;
    case 'subscription_cancelled':
      return `When a subscription to product #${t.product_id} is cancelled`;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function waitText(s: { minutes?: number; hours?: number; days?: number }): string {
  if (s.days) return plural(s.days, 'day');
  if (s.hours) return plural(s.hours, 'hour');
  return plural(s.minutes ?? 0, 'minute');
}

/** "Grant “Academy” at level “Gold”": one step in words. */
export function describeStep(s: Step, n: AutomationNames): string {
  switch (s.type) {
    case 'grant_membership': {
      const m = n.memberships.get(s.membership_id);
      const level = m?.levels.find((l) => l.id === s.level_id)?.name;
      return `Grant ${quoted(m?.name, 'membership', s.membership_id)} at level ${quoted(level, 'level', s.level_id)}`;
    }
    case 'revoke_membership':
      return `Revoke ${quoted(n.memberships.get(s.membership_id)?.name, 'membership', s.membership_id)}`;
    case 'apply_tag':
      return `Apply tag ${quoted(n.tags.get(s.tag_id), 'tag', s.tag_id)}`;
    case 'remove_tag':
      return `Remove tag ${quoted(n.tags.get(s.tag_id), 'tag', s.tag_id)}`;
    case 'subscribe_list':
      return `Subscribe to ${quoted(n.lists.get(s.list_id), 'list', s.list_id)}`;
    case 'unsubscribe_list':
      return `Unsubscribe from ${quoted(n.lists.get(s.list_id), 'list', s.list_id)}`;
    case 'send_email':
      return `Send “${s.subject}”`;
    case 'wait':
      return `Wait ${waitText(s)}`;
    case 'webhook':
      return `POST to ${s.url}`;
  }
}
