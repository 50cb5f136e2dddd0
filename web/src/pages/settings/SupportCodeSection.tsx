import { Button, Code, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useRegenerateSupportCode } from '../../api/account';
import { messageOf } from '../../api/errors';
import { useAccount } from '../../api/session';
import { SectionCard } from './SectionCard';

export function SupportCodeSection() {
  const account = useAccount();
  const regenerate = useRegenerateSupportCode();

  const onRegenerate = () =>
    regenerate.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'New support code',
          message: 'The old code no longer works.',
        }),
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not regenerate', message: messageOf(e) }),
    });

  return (
    <SectionCard
      title="Support code"
      description="Read this code to support when they ask; it proves the request comes from you."
    >
      <Group justify="space-between" wrap="wrap">
        <Text component="div" aria-live="polite">
          <Code fz="xl" fw={600} px="md" py={6} aria-label="Support code" data-testid="support-code">
            {account.support_code}
          </Code>
        </Text>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={onRegenerate}
          loading={regenerate.isPending}
        >
          Regenerate
        </Button>
      </Group>
    </SectionCard>
  );
}
