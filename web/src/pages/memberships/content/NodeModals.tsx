import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { messageOf } from '../../../api/errors';

/** A category or subcategory the owner is renaming or deleting. */
export type NodeTarget = {
  kind: 'category' | 'subcategory';
  id: number;
  name: string;
  /** What deleting takes with it, e.g. "2 subcategories and 5 posts". */
  contents: string;
};

export function RenameNodeModal({
  target,
  onClose,
  onRename,
}: {
  target: NodeTarget | null;
  onClose: () => void;
  onRename: (t: NodeTarget, name: string) => Promise<unknown>;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (target) {
      setName(target.name);
      setError(null);
    }
  }, [target]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!target) return;
    if (!name.trim()) return setError('Type a name');
    setBusy(true);
    try {
      await onRename(target, name.trim());
      onClose();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={target !== null} onClose={onClose} title={`Rename ${target?.kind ?? ''}`} centered>
      <form onSubmit={submit} noValidate aria-label={`Rename ${target?.kind ?? ''}`}>
        <Stack gap="md">
          <TextInput
            label="Name"
            maxLength={120}
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DeleteNodeModal({
  target,
  onClose,
  onDelete,
}: {
  target: NodeTarget | null;
  onClose: () => void;
  onDelete: (t: NodeTarget) => Promise<unknown>;
}) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    try {
      await onDelete(target);
      notifications.show({
        color: 'teal',
        title: `${target.kind === 'category' ? 'Category' : 'Subcategory'} deleted`,
        message: target.name,
      });
      onClose();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={target !== null} onClose={onClose} title={`Delete ${target?.kind ?? ''}?`} centered>
      <Stack gap="md">
        <Text fz="sm">
          <b>{target?.name}</b>
          {target?.contents ? ` and its ${target.contents}` : ''} will be deleted, with their files. This
          can't be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={busy}>
            Delete {target?.kind}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
