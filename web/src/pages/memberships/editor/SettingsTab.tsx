import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useDeleteMembership, useUpdateMembership } from '../../../api/memberships';
import type { Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function DeleteMembership({ membership }: { membership: Membership }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeleteMembership();
  const navigate = useNavigate();
  const confirm = () =>
    remove.mutate(membership.id, {
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Membership deleted', message: membership.name });
        modal.close();
        await navigate({ to: '/memberships' });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  return (
    <SectionCard title="Delete membership" description="Its content, files and access records go with it.">
      <Group>
        <Button
          variant="light"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={modal.open}
        >
          Delete membership
        </Button>
      </Group>
      <Modal opened={opened} onClose={modal.close} title="Delete this membership?" centered>
        <Stack gap="md">
          <Text fz="sm">
            <b>{membership.name}</b> and all its content are deleted, and its {membership.members.active}{' '}
            active {membership.members.active === 1 ? 'member loses' : 'members lose'} access at once. Billing
            is not touched. This can't be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete membership
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SectionCard>
  );
}

/** Name and address; deleting the whole membership. */
export function SettingsTab({ membership }: { membership: Membership }) {
  const update = useUpdateMembership(membership.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: membership.name, slug: membership.slug },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the membership'),
      slug: (v) => (SLUG.test(v) ? null : 'Use a-z, 0-9 and single dashes, e.g. inner-circle'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ name: v.name.trim(), slug: v.slug });
      form.setValues({ name: saved.name, slug: saved.slug });
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Membership saved', message: saved.name });
    } catch (e) {
      setFormError(applyServerError(form, e, { slug_taken: 'slug' }));
    }
  });
  return (
    <Stack gap="lg" maw={720}>
      <SectionCard title="Name and address">
        <form onSubmit={submit} noValidate aria-label="Name and address">
          <Stack gap="md">
            <TextInput label="Name" required maxLength={120} {...form.getInputProps('name')} />
            <TextInput
              label="Address"
              description="Links members saved, and links in mails already sent, stop working when it changes."
              required
              maxLength={60}
              leftSection={
                <Text fz="sm" c="dimmed">
                  /m/
                </Text>
              }
              leftSectionWidth={36}
              {...form.getInputProps('slug')}
            />
            <FormAlert message={formError} />
            <Group>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </SectionCard>
      <DeleteMembership membership={membership} />
    </Stack>
  );
}
