import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { messageOf } from '../../../api/errors';
import { useDeleteLead } from '../../../api/leads';
import type { LeadDetail } from '../../../api/types';

/** Deletes the lead after a confirmation, then returns to the list. */
export function DeleteLeadButton({ lead }: { lead: LeadDetail }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeleteLead();
  const navigate = useNavigate();
  const confirm = () =>
    remove.mutate(lead.id, {
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Lead deleted', message: lead.email });
        modal.close();
        await navigate({ to: '/leads' });
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
        Delete lead
      </Button>
      <Modal opened={opened} onClose={modal.close} title="Delete this lead?" centered>
        <Stack gap="md">
          <Text fz="sm">
            <b>{lead.email}</b> disappears from the list, filters and exports. Adding the same email again
            restores the lead with its history.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete lead
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
