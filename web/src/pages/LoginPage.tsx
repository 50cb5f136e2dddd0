import { Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useLogin } from '../api/session';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { AnchorLink } from '../components/RouterLinks';
import { safeRedirect } from '../lib/redirect';
import { applyServerError } from '../lib/serverErrors';

export function LoginPage({ redirect }: { redirect?: string }) {
  const login = useLogin();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : 'Enter your email or username'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const session = await login.mutateAsync({ login: values.login.trim(), password: values.password });
      if (session.must_change_password) await router.navigate({ to: '/change-password' });
      else router.history.push(safeRedirect(redirect));
    } catch (e) {
      // Wrong credentials: keep what they typed as login, let them retype the password.
      form.setFieldValue('password', '');
      setFormError(applyServerError(form, e));
      form.getInputNode('password')?.focus();
    }
  });

  return (
    <AuthCard
      title="Log in to Atrium"
      subtitle="Welcome back. Use your email address or username."
      footer={
        <>
          New here?{' '}
          <AnchorLink to="/signup" fw={500}>
            Create an account
          </AnchorLink>
        </>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Log in">
        <Stack gap="md">
          <TextInput
            label="Email or username"
            autoComplete="username"
            autoFocus
            required
            key={form.key('login')}
            {...form.getInputProps('login')}
          />
          <Stack gap={4}>
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <Group justify="flex-end">
              <AnchorLink to="/forgot-password" fz="sm">
                Forgot password?
              </AnchorLink>
            </Group>
          </Stack>
          <FormAlert message={formError} />
          <Button type="submit" fullWidth loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
