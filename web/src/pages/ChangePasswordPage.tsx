import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useLogout } from '../api/session';
import { forgetHandedOffPassword, handedOffPassword } from '../auth/handoff';
import { AuthCard } from '../components/AuthCard';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/** Shown whenever the session says `must_change_password`; the guard keeps every other screen away. */
export function ChangePasswordPage() {
  const navigate = useNavigate();
  const logout = useLogout();
  const [temporary] = useState(handedOffPassword);

  const onChanged = async () => {
    forgetHandedOffPassword();
    notifications.show({ color: 'teal', title: 'Password changed', message: 'Your new password is set.' });
    await navigate({ to: '/' });
  };

  const onLogout = async () => {
    forgetHandedOffPassword();
    await logout.mutateAsync().catch(() => {});
    await navigate({ to: '/login' });
  };

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="You logged in with a temporary password. Set a new one to continue."
      footer={
        <Text fz="sm" c="dimmed" component="span">
          Not now?{' '}
          <Button variant="subtle" size="compact-sm" onClick={onLogout} loading={logout.isPending}>
            Log out
          </Button>
        </Text>
      }
    >
      <ChangePasswordForm
        initialCurrent={temporary ?? ''}
        submitLabel="Set new password"
        fullWidth
        onChanged={onChanged}
      />
    </AuthCard>
  );
}
