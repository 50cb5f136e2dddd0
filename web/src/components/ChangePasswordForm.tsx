import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useChangePassword } from '../api/session';
import { newPasswordProblem, passwordHint } from '../lib/passwords';
import { applyServerError } from '../lib/serverErrors';
import { FormAlert } from './FormAlert';

type Props = {
  /** Pre-filled current password (the temporary one, handed over from the reset page). */
  initialCurrent?: string;
  submitLabel?: string;
  /** Full-width submit, as on the signed-out cards. */
  fullWidth?: boolean;
  onChanged: () => void;
};

/** Current + new + repeat; used by the forced change screen and by Settings → Security. */
export function ChangePasswordForm({
  initialCurrent = '',
  submitLabel = 'Change password',
  fullWidth = false,
  onChanged,
}: Props) {
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { current_password: initialCurrent, new_password: '', confirm_password: '' },
    validate: {
      current_password: (v) => (v ? null : 'Enter your current password'),
      new_password: (v, values) =>
        newPasswordProblem(v) ??
        (v === values.current_password ? 'Choose a password different from the current one' : null),
      confirm_password: (v, values) => (v === values.new_password ? null : 'The passwords do not match'),
    },
  });

  const submit = form.onSubmit(async ({ current_password, new_password }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ current_password, new_password });
      form.reset();
      onChanged();
    } catch (e) {
      setFormError(
        applyServerError(form, e, {
          invalid_password: 'current_password',
          invalid_credentials: 'current_password',
          weak_password: 'new_password',
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack gap="md">
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          description={initialCurrent ? 'Filled in with your temporary password.' : undefined}
          key={form.key('current_password')}
          {...form.getInputProps('current_password')}
        />
        <PasswordInput
          label="New password"
          description={passwordHint}
          autoComplete="new-password"
          required
          key={form.key('new_password')}
          {...form.getInputProps('new_password')}
        />
        <PasswordInput
          label="Repeat new password"
          autoComplete="new-password"
          required
          key={form.key('confirm_password')}
          {...form.getInputProps('confirm_password')}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending} fullWidth={fullWidth}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
