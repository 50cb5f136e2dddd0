import { Button, Grid, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useCreateLead } from '../../../api/leads';
import { useLists, useTags } from '../../../api/taxonomy';
import type { GdprStatus } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { GDPR_OPTIONS } from '../../../lib/leadFields';
import { applyServerError } from '../../../lib/serverErrors';

const blank = {
  email: '',
  first_name: '',
  last_name: '',
  phone: '',
  company: '',
  tags: [] as string[],
  lists: [] as string[],
  gdpr: 'unknown' as GdprStatus,
};

const orNull = (v: string) => v.trim() || null;

/** The quick way to add one lead: the common fields here, everything else on its page. */
export function AddLeadModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateLead();
  const tags = useTags();
  const lists = useLists();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: blank,
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const lead = await create.mutateAsync({
        email: v.email.trim(),
        first_name: orNull(v.first_name),
        last_name: orNull(v.last_name),
        phone: orNull(v.phone),
        company: orNull(v.company),
        tags: v.tags,
        lists: v.lists,
        gdpr: { status: v.gdpr },
      });
      notifications.show({ color: 'teal', title: 'Lead added', message: lead.email });
      close();
      await navigate({ to: '/leads/$id', params: { id: String(lead.id) } });
    } catch (e) {
      setFormError(applyServerError(form, e, { lead_exists: 'email' }));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Add lead" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Add lead">
        <Stack gap="md">
          <Grid gutter="sm">
            <Grid.Col span={12}>
              <TextInput
                label="Email"
                type="email"
                required
                data-autofocus
                key={form.key('email')}
                {...form.getInputProps('email')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="First name"
                key={form.key('first_name')}
                {...form.getInputProps('first_name')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Last name" key={form.key('last_name')} {...form.getInputProps('last_name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Phone" key={form.key('phone')} {...form.getInputProps('phone')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Company" key={form.key('company')} {...form.getInputProps('company')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput
                label="Tags"
                description="Pick or type; new tags are created."
                data={(tags.data ?? []).map((t) => t.name)}
                key={form.key('tags')}
                {...form.getInputProps('tags')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput
                label="Lists"
                description="Subscribed at once; new lists are created."
                data={(lists.data ?? []).map((l) => l.name)}
                key={form.key('lists')}
                {...form.getInputProps('lists')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Select
                label="GDPR consent"
                data={GDPR_OPTIONS}
                allowDeselect={false}
                key={form.key('gdpr')}
                {...form.getInputProps('gdpr')}
              />
            </Grid.Col>
          </Grid>
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add lead
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
