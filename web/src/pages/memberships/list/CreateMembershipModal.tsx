import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useCreateMembership } from '../../../api/memberships';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { slugify } from '../../../lib/slug';
import { LevelRows, levelRow, validateLevels } from '../LevelRows';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const blank = () => ({ name: '', slug: '', levels: [levelRow()] });

/** Name, address (`/m/{slug}/`, suggested from the name) and the levels, lowest first. */
export function CreateMembershipModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateMembership();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  // The address follows the name until the owner types one of their own.
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useForm({
    initialValues: blank(),
    validate: (v) => ({
      ...(v.name.trim() ? {} : { name: 'Name the membership' }),
      ...(SLUG.test(v.slug) ? {} : { slug: 'Use a-z, 0-9 and single dashes, e.g. inner-circle' }),
      ...validateLevels(v.levels),
    }),
  });

  const close = () => {
    form.setValues(blank());
    form.clearErrors();
    setSlugEdited(false);
    setFormError(null);
    onClose();
  };

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({
        name: v.name.trim(),
        slug: v.slug,
        levels: v.levels.map((l) => ({ name: l.name.trim() })),
      });
      notifications.show({ color: 'teal', title: 'Membership created', message: created.name });
      close();
      await navigate({ to: '/memberships/$id', params: { id: String(created.id) } });
    } catch (e) {
      setFormError(applyServerError(form, e, { slug_taken: 'slug' }));
    }
  });

  const name = form.getInputProps('name');
  return (
    <Modal opened={opened} onClose={close} title="New membership" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="New membership">
        <Stack gap="md">
          <TextInput
            label="Name"
            required
            maxLength={120}
            placeholder="e.g. Inner Circle"
            data-autofocus
            {...name}
            onChange={(e) => {
              name.onChange(e);
              if (!slugEdited) form.setFieldValue('slug', slugify(e.currentTarget.value));
            }}
          />
          <TextInput
            label="Address"
            description="Members log in at /m/{address}/ on your site."
            required
            maxLength={60}
            leftSection={
              <Text fz="sm" c="dimmed">
                /m/
              </Text>
            }
            leftSectionWidth={36}
            {...form.getInputProps('slug')}
            onChange={(e) => {
              setSlugEdited(true);
              form.setFieldValue('slug', e.currentTarget.value.toLowerCase());
            }}
          />
          <Stack gap={4}>
            <Text fw={500} fz="sm">
              Levels
            </Text>
            <Text c="dimmed" fz="xs">
              Each member holds one level; each post names the levels that may read it.
            </Text>
          </Stack>
          <LevelRows form={form} />
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create membership
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
