import type { Automation, AutomationCreate, Step, StepType, Trigger, TriggerType } from '../../../api/types';

/**
 * The editor's form values and their translation to and from the API. Selects hold ids as
 * strings; each step keeps every field it could have, so switching a step's type loses nothing
 * and server errors (`steps.2.tag_id`) land on the input of the same name.
 */

export type WaitUnit = 'minutes' | 'hours' | 'days';

export type TriggerValues = {
  type: TriggerType;
  tag_id: string | null;
  list_id: string | null;
  form_id: string | number;
  product_id: string | number;
};

export type StepValues = {
  /** Stable React key (steps move). */
  key: string;
  type: StepType;
  membership_id: string | null;
  level_id: string | null;
  tag_id: string | null;
  list_id: string | null;
  subject: string;
  body: string;
  amount: string | number;
  unit: WaitUnit;
  url: string;
};

export type AutomationValues = {
  name: string;
  active: boolean;
  trigger: TriggerValues;
  steps: StepValues[];
};

let seq = 0;
const newKey = () => `step-${Date.now().toString(36)}-${seq++}`;

export const blankStep = (type: StepType = 'grant_membership'): StepValues => ({
  key: newKey(),
  type,
  membership_id: null,
  level_id: null,
  tag_id: null,
  list_id: null,
  subject: '',
  body: '',
  amount: 1,
  unit: 'days',
  url: '',
});

export const blankAutomation = (): AutomationValues => ({
  name: '',
  active: true,
  trigger: { type: 'tag_applied', tag_id: null, list_id: null, form_id: '', product_id: '' },
  steps: [blankStep()],
});

const str = (n: number | undefined) => (n === undefined ? null : String(n));

function stepValues(s: Step): StepValues {
  const v = blankStep(s.type);
  switch (s.type) {
    case 'grant_membership':
      return { ...v, membership_id: str(s.membership_id), level_id: str(s.level_id) };
    case 'revoke_membership':
      return { ...v, membership_id: str(s.membership_id) };
    case 'apply_tag':
    case 'remove_tag':
      return { ...v, tag_id: str(s.tag_id) };
    case 'subscribe_list':
    case 'unsubscribe_list':
      return { ...v, list_id: str(s.list_id) };
    case 'send_email':
      return { ...v, subject: s.subject, body: s.body };
    case 'wait': {
      const unit: WaitUnit = s.days ? 'days' : s.hours ? 'hours' : 'minutes';
      return { ...v, unit, amount: s[unit] ?? 1 };
    }
    case 'webhook':
      return { ...v, url: s.url };
  }
}

export function automationValues(a: Automation): AutomationValues {
  const t = a.trigger;
  return {
    name: a.name,
    active: a.active,
    trigger: {
      type: t.type,
      tag_id: 'tag_id' in t ? String(t.tag_id) : null,
      list_id: 'list_id' in t ? String(t.list_id) : null,
      form_id: 'form_id' in t ? t.form_id : '',
      product_id: 'product_id' in t ? t.product_id : '',
    },
    steps: a.steps.map(stepValues),
  };
}

const num = (v: string | number | null) => Number(v);

function toTrigger(t: TriggerValues): Trigger {
  switch (t.type) {
    case 'tag_applied':
    case 'tag_removed':
      return { type: t.type, tag_id: num(t.tag_id) };
    case 'list_subscribed':
    case 'list_unsubscribed':
      return { type: t.type, list_id: num(t.list_id) };
    case 'lead_created':
      return { type: t.type };
    case 'form_submitted':
      return { type: t.type, form_id: num(t.form_id) };
    case 'product_purchased':
    case 'subscription_cancelled':
      return { type: t.type, product_id: num(t.product_id) };
  }
}

function toStep(s: StepValues): Step {
  switch (s.type) {
    case 'grant_membership':
      return { type: s.type, membership_id: num(s.membership_id), level_id: num(s.level_id) };
    case 'revoke_membership':
      return { type: s.type, membership_id: num(s.membership_id) };
    case 'apply_tag':
    case 'remove_tag':
      return { type: s.type, tag_id: num(s.tag_id) };
    case 'subscribe_list':
    case 'unsubscribe_list':
      return { type: s.type, list_id: num(s.list_id) };
    case 'send_email':
      return { type: s.type, subject: s.subject.trim(), body: s.body.trim() };
    case 'wait':
      return { type: s.type, [s.unit]: num(s.amount) };
    case 'webhook':
      return { type: s.type, url: s.url.trim() };
  }
}

export const toBody = (v: AutomationValues): AutomationCreate => ({
  name: v.name.trim(),
  active: v.active,
  trigger: toTrigger(v.trigger),
  steps: v.steps.map(toStep),
});

/** What each trigger names, and how the picker asks for it. */
export const triggerRef = (type: TriggerType) =>
  type === 'tag_applied' || type === 'tag_removed'
    ? 'tag_id'
    : type === 'list_subscribed' || type === 'list_unsubscribed'
      ? 'list_id'
      : type === 'form_submitted'
        ? 'form_id'
        : type === 'product_purchased' || type === 'subscription_cancelled'
          ? 'product_id'
          : null;

const isPositiveInt = (v: string | number | null) => /^\d+$/.test(String(v ?? '').trim()) && Number(v) > 0;
const MAX_WAIT_MINUTES = 365 * 24 * 60;
const UNIT_MINUTES: Record<WaitUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** Client-side checks for the obvious; the server has the last word (unknown ids, webhook targets). */
export function validateAutomation(v: AutomationValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'Name the automation';
  const ref = triggerRef(v.trigger.type);
  if (ref === 'tag_id' && !v.trigger.tag_id) errors['trigger.tag_id'] = 'Pick the tag';
  if (ref === 'list_id' && !v.trigger.list_id) errors['trigger.list_id'] = 'Pick the list';
  if (ref === 'form_id' && !isPositiveInt(v.trigger.form_id))
    errors['trigger.form_id'] = 'Enter the form’s id';
  if (ref === 'product_id' && !isPositiveInt(v.trigger.product_id))
    errors['trigger.product_id'] = 'Enter the product’s id';
  if (v.steps.length === 0) errors.steps = 'Add at least one step';
  v.steps.forEach((s, i) => {
    const at = (f: string) => `steps.${i}.${f}`;
    switch (s.type) {
      case 'grant_membership':
        if (!s.membership_id) errors[at('membership_id')] = 'Pick the membership';
        else if (!s.level_id) errors[at('level_id')] = 'Pick the level';
        break;
      case 'revoke_membership':
        if (!s.membership_id) errors[at('membership_id')] = 'Pick the membership';
        break;
      case 'apply_tag':
      case 'remove_tag':
        if (!s.tag_id) errors[at('tag_id')] = 'Pick the tag';
        break;
      case 'subscribe_list':
      case 'unsubscribe_list':
        if (!s.list_id) errors[at('list_id')] = 'Pick the list';
        break;
      case 'send_email':
        if (!s.subject.trim()) errors[at('subject')] = 'Write a subject';
        if (!s.body.trim()) errors[at('body')] = 'Write the message';
        break;
      case 'wait':
        if (!isPositiveInt(s.amount)) errors[at('amount')] = 'Enter a whole number above 0';
        else if (Number(s.amount) * UNIT_MINUTES[s.unit] > MAX_WAIT_MINUTES)
          errors[at('amount')] = 'Wait at most 365 days';
        break;
      case 'webhook':
        if (!/^https?:\/\/\S+$/i.test(s.url.trim())) errors[at('url')] = 'Enter an http(s) URL';
        break;
    }
  });
  return errors;
}

/** Server field names → this form's: a wait's minutes/hours/days is the one "amount" input. */
export const formFieldOf = (field: string) =>
  field.replace(/^(steps\.\d+)\.(minutes|hours|days)$/, '$1.amount');
