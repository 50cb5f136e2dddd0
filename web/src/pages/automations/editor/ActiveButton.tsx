import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useUpdateAutomation } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import type { Automation } from '../../../api/types';

/** Pause (runs in progress are cancelled, new events ignored) or activate again. */
export function ActiveButton({ automation }: { automation: Automation }) {
  const update = useUpdateAutomation();
  const next = !automation.active;
  const toggle = () =>
    update.mutate(
      { id: automation.id, body: { active: next } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: next ? 'Automation active' : 'Automation paused',
            message: next
              ? 'It runs for every lead that triggers it from now on.'
              : 'New events are ignored.',
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not change it', message: messageOf(e) }),
      },
    );
  return (
    <Button
      variant="default"
      onClick={toggle}
      loading={update.isPending}
      leftSection={
        next ? <IconPlayerPlay size={16} aria-hidden /> : <IconPlayerPause size={16} aria-hidden />
      }
    >
      {next ? 'Activate' : 'Pause'}
    </Button>
  );
}
