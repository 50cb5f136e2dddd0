import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useConfirmEmailChange } from '../api/account';
import { messageOf } from '../api/errors';
import { AuthCard } from '../components/AuthCard';
import { ButtonLink } from '../components/RouterLinks';

/** `/confirm-email/:token` from the mail sent to the new address. Confirming is an explicit click. */
export function ConfirmEmailPage({ token }: { token: string }) {
  const confirm = useConfirmEmailChange();

  if (confirm.isSuccess) {
    return (
      <AuthCard title="Email address confirmed">
        <Alert role="status" color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          Your account's email address is now <b>{confirm.data.email}</b>.
        </Alert>
        <ButtonLink to="/" fullWidth>
          Continue to Atrium
        </ButtonLink>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Confirm your new email address"
      subtitle="Confirm to start using this address for your account."
    >
      <Stack gap="md">
        {confirm.error && (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            <Text fz="sm">{messageOf(confirm.error)}</Text>
          </Alert>
        )}
        <Button fullWidth onClick={() => confirm.mutate(token)} loading={confirm.isPending}>
          Confirm my new email address
        </Button>
      </Stack>
    </AuthCard>
  );
}
