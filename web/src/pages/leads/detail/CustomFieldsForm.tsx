import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCustomFields } from '../../../api/customFields';
import { messageOf } from '../../../api/errors';
import { useUpdateLead } from '../../../api/leads';
import type { CustomField, LeadDetail } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { AnchorLink } from '../../../components/RouterLinks';
import { renameFieldErrors } from '../../../lib/renameFieldErrors';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';
import { CustomFieldInput } from './CustomFieldInput';

type Values = Record<string, string | string[]>;

const valuesOf = (defs: CustomField[], lead: LeadDetail): Values =>
  Object.fromEntries(
    defs.map((d) => [d.identifier, lead.custom_fields[d.identifier] ?? (d.type === 'checkbox' ? [] : '')]),
  );

function Fields({ lead, defs }: { lead: LeadDetail; defs: CustomField[] }) {
  const update = useUpdateLead(lead.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: valuesOf(defs, lead) });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const changed = defs.filter((d) => form.isDirty(d.identifier));
    if (!changed.length) return;
    const custom_fields = Object.fromEntries(
      changed.map((d) => {
        const v = values[d.identifier];
        return [d.identifier, typeof v === 'string' ? v.trim() || null : (v ?? null)];
      }),
    );
    try {
      const saved = await update.mutateAsync({ custom_fields });
      const next = valuesOf(defs, { ...lead, ...saved });
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Custom fields saved', message: lead.email });
    } catch (e) {
      setFormError(
        applyServerError(
          form,
          renameFieldErrors(e, (f) => f.replace(/^custom_fields\./, '')),
        ),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Custom fields">
      <Stack gap="sm">
        {defs.map((d) => (
          <CustomFieldInput
            key={d.id}
            field={d}
            value={form.getValues()[d.identifier] ?? ''}
            onChange={(v) => form.setFieldValue(d.identifier, v)}
            error={form.errors[d.identifier]}
          />
        ))}
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={update.isPending}>
            Save custom fields
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The account's custom fields for this lead, each with the input its type calls for. */
export function CustomFieldsForm({ lead }: { lead: LeadDetail }) {
  const defs = useCustomFields();
  return (
    <SectionCard title="Custom fields">
      {defs.isPending ? (
        <Skeleton h={80} aria-label="Loading custom fields" />
      ) : defs.isError ? (
        <FormAlert message={messageOf(defs.error)} />
      ) : defs.data.length === 0 ? (
        <Text c="dimmed" fz="sm">
          No custom fields yet. <AnchorLink to="/leads/fields">Create one</AnchorLink> to store what the
          standard fields don't cover.
        </Text>
      ) : (
        <Fields lead={lead} defs={defs.data} />
      )}
    </SectionCard>
  );
}
