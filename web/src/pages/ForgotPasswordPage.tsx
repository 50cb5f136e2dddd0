import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useRequestPasswordReset } from '../api/session';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { AnchorLink } from '../components/RouterLinks';
import { applyServerError } from '../lib/serverErrors';

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') },
  });

  const submit = form.onSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await request.mutateAsync(email.trim());
      setSentTo(email.trim());
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter the email address of your account and we'll mail you a link to reset it."
      footer={
        <AnchorLink to="/login" fw={500}>
          Back to log in
        </AnchorLink>
      }
    >
      {sentTo ? (
        // Same words whether or not the address has an account: no account enumeration.
        <Alert
          role="status"
          color="teal"
          variant="light"
          icon={<IconMailCheck size={18} />}
          title="Check your inbox"
        >
          <Text fz="sm">
            If an account exists for <b>{sentTo}</b>, we've mailed a link to reset your password. The link
            works once.
          </Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Request a password reset">
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              autoFocus
              required
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <FormAlert message={formError} />
            <Button type="submit" fullWidth loading={request.isPending}>
              Mail me a reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
