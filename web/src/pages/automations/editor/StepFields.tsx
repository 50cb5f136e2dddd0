import { Grid, NumberInput, Select, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemberships } from '../../../api/memberships';
import { AnchorLink } from '../../../components/RouterLinks';
import type { AutomationValues } from './automationForm';
import { NamedSelect } from './NamedSelect';

type Props = { form: UseFormReturnType<AutomationValues>; index: number };

const UNITS = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/** The membership (and for a grant, the level) a step acts on. */
function MembershipFields({ form, index, withLevel }: Props & { withLevel: boolean }) {
  const memberships = useMemberships();
  const at = (f: string) => `steps.${index}.${f}`;
  const chosen = form.getValues().steps[index]?.membership_id;
  const levels = memberships.data?.find((m) => String(m.id) === chosen)?.levels ?? [];
  if (memberships.data?.length === 0)
    return (
      <Text fz="sm" c="dimmed">
        No memberships yet.{' '}
        <AnchorLink to="/memberships" fz="sm">
          Create one
        </AnchorLink>{' '}
        first, then come back.
      </Text>
    );
  const membership = form.getInputProps(at('membership_id'));
  return (
    <Grid gutter="sm">
      <Grid.Col span={{ base: 12, sm: withLevel ? 6 : 12 }}>
        <Select
          label="Membership"
          required
          placeholder={memberships.isPending ? 'Loading…' : 'Pick a membership'}
          data={(memberships.data ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
          {...membership}
          onChange={(v) => {
            membership.onChange(v);
            if (withLevel) form.setFieldValue(at('level_id'), null);
          }}
        />
      </Grid.Col>
      {withLevel && (
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Level"
            required
            placeholder={chosen ? 'Pick a level' : 'Pick the membership first'}
            disabled={!chosen}
            data={levels.map((l) => ({ value: String(l.id), label: l.name }))}
            {...form.getInputProps(at('level_id'))}
          />
        </Grid.Col>
      )}
    </Grid>
  );
}

/** The inputs of one step, by its type. */
export function StepFields({ form, index }: Props) {
  const step = form.getValues().steps[index];
  if (!step) return null;
  const at = (f: string) => `steps.${index}.${f}`;
  switch (step.type) {
    case 'grant_membership':
      return (
        <>
          <MembershipFields form={form} index={index} withLevel />
          <Text fz="xs" c="dimmed">
            The member gets a welcome mail with a link to choose their portal password.
          </Text>
        </>
      );
    case 'revoke_membership':
      return <MembershipFields form={form} index={index} withLevel={false} />;
    case 'apply_tag':
    case 'remove_tag':
      return <NamedSelect kind="tags" label="Tag" required {...form.getInputProps(at('tag_id'))} />;
    case 'subscribe_list':
    case 'unsubscribe_list':
      return <NamedSelect kind="lists" label="List" required {...form.getInputProps(at('list_id'))} />;
    case 'send_email':
      return (
        <>
          <TextInput label="Subject" required maxLength={200} {...form.getInputProps(at('subject'))} />
          <Textarea
            label="Message"
            description="Plain text. {first_name}, {last_name} and {email} are filled in for each lead."
            required
            autosize
            minRows={4}
            maxRows={14}
            {...form.getInputProps(at('body'))}
          />
        </>
      );
    case 'wait':
      return (
        <Grid gutter="sm">
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <NumberInput
              label="Wait for"
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps(at('amount'))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select label="Unit" data={UNITS} allowDeselect={false} {...form.getInputProps(at('unit'))} />
          </Grid.Col>
        </Grid>
      );
    case 'webhook':
      return (
        <TextInput
          label="Webhook URL"
          type="url"
          required
          placeholder="https://example.com/hooks/atrium"
          description="The lead is POSTed as JSON. Private and loopback addresses are refused unless the operator allows them."
          {...form.getInputProps(at('url'))}
        />
      );
  }
}
