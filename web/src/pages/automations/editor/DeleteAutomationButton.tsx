import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useDeleteAutomation } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import type { Automation } from '../../../api/types';

/** Deletes the automation after a confirmation; its runs stay in the log. */
export function DeleteAutomationButton({ automation }: { automation: Automation }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeleteAutomation();
  const navigate = useNavigate();
  const confirm = () =>
    remove.mutate(automation.id, {
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Automation deleted', message: automation.name });
        modal.close();
        await navigate({ to: '/automations' });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  return (
    <>
      <Button
        variant="light"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={modal.open}
      >
        Delete
      </Button>
      <Modal opened={opened} onClose={modal.close} title="Delete this automation?" centered>
        <Stack gap="md">
          <Text fz="sm">
            <b>{automation.name}</b> stops at once: runs in progress are cancelled. Past runs stay in the run
            log. Access it granted stays granted.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete automation
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
