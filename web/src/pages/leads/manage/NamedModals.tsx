import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { messageOf } from '../../../api/errors';
import { type NamedKind, useDeleteNamed, useRenameNamed } from '../../../api/taxonomy';
import type { Named } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { KindWord, kindWord } from './CreateNamedForm';

type Props = { kind: NamedKind; item: Named | null; onClose: () => void };

export function RenameNamedModal({ kind, item, onClose }: Props) {
  const rename = useRenameNamed(kind);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : `Name the ${kindWord(kind)}`) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another item opens
  useEffect(() => {
    if (item) {
      form.setValues({ name: item.name });
      setFormError(null);
    }
  }, [item]);
  const submit = form.onSubmit(async ({ name }) => {
    if (!item) return;
    try {
      await rename.mutateAsync({ id: item.id, name: name.trim() });
      notifications.show({ color: 'teal', title: `${KindWord(kind)} renamed`, message: name.trim() });
      onClose();
    } catch (e) {
      setFormError(applyServerError(form, e, { [`${kindWord(kind)}_exists`]: 'name' }));
    }
  });
  return (
    <Modal opened={item !== null} onClose={onClose} title={`Rename ${kindWord(kind)}`} centered>
      <form onSubmit={submit} noValidate aria-label={`Rename ${kindWord(kind)}`}>
        <Stack gap="md">
          <TextInput label="Name" maxLength={100} data-autofocus {...form.getInputProps('name')} />
          <Text fz="xs" c="dimmed">
            Leads keep the {kindWord(kind)}; automations follow it by id.
          </Text>
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DeleteNamedModal({ kind, item, onClose }: Props) {
  const remove = useDeleteNamed(kind);
  const confirm = () => {
    if (!item) return;
    remove.mutate(item.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', title: `${KindWord(kind)} deleted`, message: item.name });
        onClose();
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  };
  return (
    <Modal opened={item !== null} onClose={onClose} title={`Delete ${kindWord(kind)}?`} centered>
      <Stack gap="md">
        <Text fz="sm">
          <b>{item?.name}</b> is removed from {item?.leads ?? 0} {item?.leads === 1 ? 'lead' : 'leads'}. The
          leads stay. This can't be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            Delete {kindWord(kind)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
