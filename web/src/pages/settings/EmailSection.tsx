import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useUpdateAccount } from '../../api/account';
import { useAccount } from '../../api/session';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/serverErrors';
import { SectionCard } from './SectionCard';

/** Changing the email takes effect only once the link mailed to the new address is opened. */
export function EmailSection() {
  const account = useAccount();
  const update = useUpdateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) =>
        !/^\S+@\S+\.\S+$/.test(v.trim())
          ? 'Enter a valid email address'
          : v.trim().toLowerCase() === account.email.toLowerCase()
            ? 'This is already your email address'
            : null,
      password: (v) => (v ? null : 'Enter your password to confirm'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ email: values.email.trim(), password: values.password });
      form.reset();
    } catch (e) {
      setFormError(
        applyServerError(form, e, {
          invalid_password: 'password',
          email_taken: 'email',
        }),
      );
    }
  });

  return (
    <SectionCard
      title="Email address"
      description={
        <>
          Your account's email is <b>{account.email}</b>. Account mail, including password resets, goes there.
        </>
      }
    >
      {account.pending_email && (
        <Alert role="status" color="blue" variant="light" icon={<IconMailForward size={18} />}>
          <Text fz="sm">
            We sent a confirmation to <b>{account.pending_email}</b>. Open the link in that mail to start
            using it; until then, your email stays {account.email}.
          </Text>
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label="Change email">
        <Stack gap="md">
          <TextInput
            label="New email address"
            type="email"
            autoComplete="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={update.isPending}>
              Change email
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
