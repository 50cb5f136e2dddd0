import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useSignup } from '../api/session';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { AnchorLink } from '../components/RouterLinks';
import { newPasswordProblem, passwordHint } from '../lib/passwords';
import { applyServerError } from '../lib/serverErrors';

// Mirrors the server's rule (API.md) so most mistakes are caught before a round trip.
const USERNAME = /^[a-z0-9-]{3,30}$/;

export function SignupPage() {
  const signup = useSignup();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { username: '', email: '', name: '', password: '' },
    transformValues: (v) => ({
      ...v,
      username: v.username.trim(),
      email: v.email.trim(),
      name: v.name.trim(),
    }),
    validate: {
      username: (v) =>
        USERNAME.test(v.trim()) ? null : 'Use 3–30 characters: lowercase letters, digits and hyphens',
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      name: (v) => (v.trim() ? null : 'Enter your name'),
      password: newPasswordProblem,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await signup.mutateAsync(values);
      await navigate({ to: '/' });
    } catch (e) {
      setFormError(
        applyServerError(form, e, {
          username_taken: 'username',
          username_not_allowed: 'username',
          email_taken: 'email',
          weak_password: 'password',
        }),
      );
    }
  });

  return (
    <AuthCard
      title="Create your Atrium account"
      subtitle="Leads, automations, memberships and checkouts, on your own server."
      footer={
        <>
          Already have an account?{' '}
          <AnchorLink to="/login" fw={500}>
            Log in
          </AnchorLink>
        </>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Sign up">
        <Stack gap="md">
          <TextInput
            label="Username"
            description="Your site's address. Lowercase letters, digits and hyphens; it can't be changed later."
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            required
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <TextInput
            label="Full name"
            autoComplete="name"
            required
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label="Password"
            description={passwordHint}
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} />
          <Button type="submit" fullWidth loading={signup.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
