import { Button, Grid, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateLead } from '../../../api/leads';
import type { LeadDetail, LeadPatch } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { FIELD_GROUPS, STANDARD_FIELDS, type StandardField } from '../../../lib/leadFields';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';

type Values = Record<StandardField, string>;

const valuesOf = (lead: LeadDetail): Values =>
  Object.fromEntries(STANDARD_FIELDS.map((f) => [f, lead[f] ?? ''])) as Values;

const wide = new Set<StandardField>(['email', 'address', 'notes']);

/** Kartra's standard fields, grouped; only changed fields are sent, errors land next to each. */
export function LeadDetailsForm({ lead }: { lead: LeadDetail }) {
  const update = useUpdateLead(lead.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(lead),
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const changed = STANDARD_FIELDS.filter((f) => form.isDirty(f));
    if (!changed.length) {
      notifications.show({ color: 'gray', title: 'Nothing to save', message: 'No field was changed.' });
      return;
    }
    const patch = Object.fromEntries(
      changed.map((f) => [f, f === 'email' ? values[f].trim() : values[f].trim() || null]),
    ) as LeadPatch;
    try {
      const saved = await update.mutateAsync(patch);
      form.setInitialValues(valuesOf({ ...lead, ...saved }));
      form.setValues(valuesOf({ ...lead, ...saved }));
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Lead saved', message: 'The change is on the timeline.' });
    } catch (e) {
      setFormError(applyServerError(form, e, { lead_exists: 'email' }));
    }
  });

  return (
    <SectionCard title="Details" description="Kartra's standard lead fields.">
      <form onSubmit={submit} noValidate aria-label="Lead details">
        <Stack gap="lg">
          {FIELD_GROUPS.map((group) => (
            <Stack key={group.title} gap="xs">
              <Text fw={600} fz="sm" c="dimmed" tt="uppercase">
                {group.title}
              </Text>
              <Grid gutter="sm">
                {group.fields.map(([field, label]) => (
                  <Grid.Col key={field} span={wide.has(field) ? 12 : { base: 12, sm: 6 }}>
                    {field === 'notes' ? (
                      <Textarea
                        label={label}
                        autosize
                        minRows={3}
                        maxRows={10}
                        {...form.getInputProps(field)}
                      />
                    ) : (
                      <TextInput
                        label={label}
                        required={field === 'email'}
                        type={field === 'email' ? 'email' : 'text'}
                        {...form.getInputProps(field)}
                      />
                    )}
                  </Grid.Col>
                ))}
              </Grid>
            </Stack>
          ))}
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
