import { Button, Grid, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useGrantAccess } from '../../../api/members';
import type { Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';

const CHANGE_WORDS: Record<string, string> = {
  granted: 'Access granted; the welcome mail is on its way.',
  regranted: 'Access granted again; the welcome mail was sent again.',
  level_changed: 'The member’s level changed.',
  unchanged: 'They already had this level: nothing changed.',
};

/** Grant by email and level; a lead is created for a new email, and the welcome mail goes out. */
export function GrantAccessForm({ membership }: { membership: Membership }) {
  const grant = useGrantAccess(membership.id);
  const [formError, setFormError] = useState<string | null>(null);
  const levels = membership.levels.map((l) => ({ value: String(l.id), label: l.name }));
  const form = useForm({
    initialValues: { email: '', level: levels[0]?.value ?? null },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      level: (v) => (v ? null : 'Pick a level'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const result = await grant.mutateAsync({ email: v.email.trim(), level_id: Number(v.level) });
      notifications.show({
        color: 'teal',
        title: v.email.trim(),
        message: CHANGE_WORDS[result.change] ?? 'Done.',
      });
      form.setFieldValue('email', '');
    } catch (e) {
      setFormError(applyServerError(form, e, { level_not_found: 'level' }));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Grant access">
      <Grid gutter="sm" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label="Email"
            type="email"
            required
            placeholder="member@example.com"
            {...form.getInputProps('email')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 8, sm: 4 }}>
          <Select
            label="Level"
            required
            data={levels}
            allowDeselect={false}
            {...form.getInputProps('level')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 4, sm: 2 }}>
          <Button type="submit" fullWidth mt={25} loading={grant.isPending}>
            Grant
          </Button>
        </Grid.Col>
        {formError && (
          <Grid.Col span={12}>
            <FormAlert message={formError} />
          </Grid.Col>
        )}
      </Grid>
    </form>
  );
}
