import { Button, Card, Group, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useCreateAutomation, useUpdateAutomation } from '../../../api/automations';
import type { Automation } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { renameFieldErrors } from '../../../lib/renameFieldErrors';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';
import {
  type AutomationValues,
  automationValues,
  blankAutomation,
  formFieldOf,
  toBody,
  validateAutomation,
} from './automationForm';
import { StepsEditor } from './StepsEditor';
import { TriggerFields } from './TriggerFields';

/** Name, trigger and steps of a new or existing automation; saved as a whole. */
export function AutomationForm({ automation }: { automation?: Automation }) {
  const create = useCreateAutomation();
  const update = useUpdateAutomation();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AutomationValues>({
    initialValues: automation ? automationValues(automation) : blankAutomation(),
    validate: validateAutomation,
  });

  const submit = form.onSubmit(
    async (v) => {
      setFormError(null);
      const body = toBody(v);
      try {
        if (automation) {
          const { active: _, ...changes } = body;
          const saved = await update.mutateAsync({ id: automation.id, body: changes });
          form.setValues(automationValues(saved));
          form.resetDirty();
          notifications.show({ color: 'teal', title: 'Automation saved', message: saved.name });
        } else {
          const saved = await create.mutateAsync(body);
          notifications.show({
            color: 'teal',
            title: 'Automation created',
            message: `${saved.name} is ${saved.active ? 'active' : 'paused'}.`,
          });
          await navigate({ to: '/automations/$id', params: { id: String(saved.id) } });
        }
      } catch (e) {
        setFormError(applyServerError(form, renameFieldErrors(e, formFieldOf)));
      }
    },
    () => setFormError('Some steps need attention: see the messages next to the fields.'),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Automation">
      <Stack gap="lg">
        <Card>
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              maxLength={200}
              placeholder="e.g. Gold buyers get the course"
              {...form.getInputProps('name')}
            />
            {!automation && (
              <Switch
                label="Active: start running as soon as it is saved"
                {...form.getInputProps('active', { type: 'checkbox' })}
              />
            )}
          </Stack>
        </Card>
        <SectionCard title="When" description="The event that starts a run for one lead.">
          <TriggerFields form={form} />
        </SectionCard>
        <SectionCard
          title="Then"
          description="Steps run in order for that lead. A step that ran once never runs twice for the same event."
        >
          <StepsEditor form={form} />
        </SectionCard>
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {automation ? 'Save changes' : 'Create automation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
