import { Button, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateLead } from '../../../api/leads';
import type { GdprStatus, LeadDetail, LeadPatch } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { formatDateTime } from '../../../lib/format';
import { GDPR_OPTIONS } from '../../../lib/leadFields';
import { renameFieldErrors } from '../../../lib/renameFieldErrors';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';

type Values = { score: number | string; blocked: boolean; gdpr_status: GdprStatus; gdpr_ip: string };

const valuesOf = (lead: LeadDetail): Values => ({
  score: lead.score,
  blocked: lead.blocked,
  gdpr_status: lead.gdpr.status,
  gdpr_ip: lead.gdpr.ip ?? '',
});

/** Score, blocked and GDPR consent: what decides whether and how a lead is mailed. */
export function LeadStatusForm({ lead }: { lead: LeadDetail }) {
  const update = useUpdateLead(lead.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(lead),
    validate: {
      score: (v) => (v === '' || !Number.isInteger(Number(v)) ? 'Enter a whole number' : null),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    const patch: LeadPatch = {};
    if (form.isDirty('score')) patch.score = Number(v.score);
    if (form.isDirty('blocked')) patch.blocked = v.blocked;
    if (form.isDirty('gdpr_status') || form.isDirty('gdpr_ip')) {
      // A new status is dated now by the server; an IP correction keeps the recorded date.
      patch.gdpr = {
        status: v.gdpr_status,
        ip: v.gdpr_ip.trim() || null,
        ...(form.isDirty('gdpr_status') ? {} : { date: lead.gdpr.date }),
      };
    }
    if (!Object.keys(patch).length) return;
    try {
      const saved = await update.mutateAsync(patch);
      const next = valuesOf({ ...lead, ...saved });
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Status saved', message: 'The change is on the timeline.' });
    } catch (e) {
      const flat = renameFieldErrors(e, (f) =>
        f === 'gdpr.ip' ? 'gdpr_ip' : f.startsWith('gdpr') ? 'gdpr_status' : f,
      );
      setFormError(applyServerError(form, flat));
    }
  });

  return (
    <SectionCard title="Status">
      <form onSubmit={submit} noValidate aria-label="Lead status">
        <Stack gap="sm">
          <NumberInput label="Score" allowDecimal={false} {...form.getInputProps('score')} />
          <Switch
            label="Blocked"
            description="Blocked leads are never mailed."
            color="red"
            {...form.getInputProps('blocked', { type: 'checkbox' })}
          />
          <Select
            label="GDPR status"
            data={GDPR_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('gdpr_status')}
          />
          <Text fz="xs" c="dimmed">
            {lead.gdpr.date ? `Recorded ${formatDateTime(lead.gdpr.date)}` : 'No consent date recorded.'}
          </Text>
          <TextInput
            label="GDPR IP address"
            placeholder="Where consent was given"
            {...form.getInputProps('gdpr_ip')}
          />
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={update.isPending}>
              Save status
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
