import { NumberInput, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TriggerType } from '../../../api/types';
import { TRIGGER_LABELS } from '../../../lib/automationText';
import { type AutomationValues, triggerRef } from './automationForm';
import { NamedSelect } from './NamedSelect';

const option = (value: TriggerType) => ({ value, label: TRIGGER_LABELS[value] });

const TRIGGER_OPTIONS = [
  {
    group: 'Leads',
    items: [
      option('tag_applied'),
      option('tag_removed'),
      option('list_subscribed'),
      option('list_unsubscribed'),
      option('lead_created'),
    ],
  },
  { group: 'Sales', items: [option('product_purchased'), option('subscription_cancelled')] },
  { group: 'Forms', items: [option('form_submitted')] },
];

/** "When…": the event and the tag, list, product or form it is about. */
export function TriggerFields({ form }: { form: UseFormReturnType<AutomationValues> }) {
  const type = form.getValues().trigger.type;
  const ref = triggerRef(type);
  return (
    <Stack gap="sm">
      <Select
        label="Trigger"
        data={TRIGGER_OPTIONS}
        allowDeselect={false}
        {...form.getInputProps('trigger.type')}
      />
      {ref === 'tag_id' && (
        <NamedSelect kind="tags" label="Tag" required {...form.getInputProps('trigger.tag_id')} />
      )}
      {ref === 'list_id' && (
        <NamedSelect kind="lists" label="List" required {...form.getInputProps('trigger.list_id')} />
      )}
      {ref === 'product_id' && (
        <NumberInput
          label="Product id"
          description="Products and checkouts arrive in a later release; until then this trigger never fires."
          min={1}
          allowDecimal={false}
          required
          {...form.getInputProps('trigger.product_id')}
        />
      )}
      {ref === 'form_id' && (
        <NumberInput
          label="Form id"
          description="Opt-in forms arrive with Pages; until then this trigger never fires."
          min={1}
          allowDecimal={false}
          required
          {...form.getInputProps('trigger.form_id')}
        />
      )}
      {type === 'lead_created' && (
        <Text fz="sm" c="dimmed">
          Runs once for every new lead: added by hand, imported, from a form or a purchase.
        </Text>
      )}
    </Stack>
  );
}
