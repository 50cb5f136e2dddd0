import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { messageOf } from '../../api/errors';

/** A row action that asks first (refund, cancel): the modal says what will happen. */
export function ConfirmAction({
  label,
  title,
  children,
  confirmLabel,
  done,
  run,
  pending,
  ariaLabel,
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  done: string;
  run: () => Promise<unknown>;
  pending: boolean;
  ariaLabel: string;
}) {
  const [opened, modal] = useDisclosure(false);
  const confirm = async () => {
    try {
      await run();
      notifications.show({ color: 'teal', title: done, message: '' });
      modal.close();
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not ${label.toLowerCase()}`, message: messageOf(e) });
    }
  };
  return (
    <>
      <Button size="xs" variant="light" color="red" onClick={modal.open} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={title} centered>
        <Stack gap="md">
          <Text fz="sm">{children}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Keep it
            </Button>
            <Button color="red" onClick={confirm} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
