import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, messageOf } from '../api/errors';
import { useLogin, useResetPassword } from '../api/session';
import { handOffTemporaryPassword } from '../auth/handoff';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { AnchorLink } from '../components/RouterLinks';
import { SecretValue } from '../components/SecretValue';
import { applyServerError } from '../lib/serverErrors';

/**
 * `/reset/:token` from the mailed link. Resetting is a deliberate click (not on page load), so a
 * mail scanner that opens the link cannot burn it. The reply's temporary password then logs the
 * user in, and the session is locked to choosing a new password.
 */
export function ResetPasswordPage({ token }: { token: string }) {
  const reset = useResetPassword();

  if (reset.isSuccess) {
    return <LogInWithTemporaryPassword password={reset.data.temporary_password} login={reset.data.login} />;
  }

  const invalid = reset.error instanceof ApiError && reset.error.status === 404;
  return (
    <AuthCard
      title="Reset your password"
      subtitle="We'll give you a temporary password to log in with once; then you choose a new one."
      footer={
        <AnchorLink to="/login" fw={500}>
          Back to log in
        </AnchorLink>
      }
    >
      {reset.error && (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          <Stack gap={6}>
            <Text fz="sm">{messageOf(reset.error)}</Text>
            {invalid && (
              <AnchorLink to="/forgot-password" fz="sm" fw={500}>
                Request a new link
              </AnchorLink>
            )}
          </Stack>
        </Alert>
      )}
      {!invalid && (
        <Button fullWidth onClick={() => reset.mutate(token)} loading={reset.isPending}>
          Reset my password
        </Button>
      )}
    </AuthCard>
  );
}

function LogInWithTemporaryPassword({ password, login: knownLogin }: { password: string; login?: string }) {
  const login = useLogin();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { login: knownLogin ?? '', password },
    validate: { login: (v) => (v.trim() ? null : 'Enter your email or username') },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await login.mutateAsync({ login: values.login.trim(), password: values.password });
      handOffTemporaryPassword(values.password);
      await navigate({ to: '/change-password' });
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  return (
    <AuthCard title="Your password was reset" subtitle="Use this temporary password once to log in.">
      <SecretValue value={password} label="Temporary password" />
      <form onSubmit={submit} noValidate aria-label="Log in with the temporary password">
        <Stack gap="md">
          {/* When the server names the account we log straight in; otherwise ask who they are. */}
          {knownLogin ? (
            <Text fz="sm" c="dimmed">
              You'll log in as <b>{knownLogin}</b> and then choose a new password.
            </Text>
          ) : (
            <>
              <TextInput
                label="Email or username"
                autoComplete="username"
                required
                key={form.key('login')}
                {...form.getInputProps('login')}
              />
              <PasswordInput
                label="Temporary password"
                autoComplete="current-password"
                key={form.key('password')}
                {...form.getInputProps('password')}
              />
            </>
          )}
          <FormAlert message={formError} />
          <Button type="submit" fullWidth loading={login.isPending}>
            Log in with it
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
