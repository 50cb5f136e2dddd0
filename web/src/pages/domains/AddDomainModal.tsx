import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useAddDomain } from '../../api/domains';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/serverErrors';

/** The name to connect; the server says what is wrong with it (IP, the root, taken, plan limit). */
export function AddDomainModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const add = useAddDomain();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { hostname: '' },
    validate: { hostname: (v) => (v.trim() ? null : 'Enter a domain, such as www.yourbrand.com') },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ hostname }) => {
    setFormError(null);
    try {
      const created = await add.mutateAsync(hostname.trim());
      notifications.show({ color: 'teal', title: 'Domain added', message: `Now create its records.` });
      close();
      await navigate({ to: '/domains/$id', params: { id: String(created.id) } });
    } catch (e) {
      setFormError(
        applyServerError(form, e, {
          invalid_hostname: 'hostname',
          domain_exists: 'hostname',
          domain_taken: 'hostname',
        }),
      );
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Add a domain" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Add a domain">
        <Stack gap="md">
          <TextInput
            label="Domain"
            description="www.yourbrand.com puts your site on your main domain (yourbrand.com forwards to it); sales.yourbrand.com puts it on a subdomain."
            placeholder="www.yourbrand.com"
            required
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('hostname')}
          />
          <Text fz="sm" c="dimmed">
            Next, Atrium shows the DNS records to create at your registrar and checks them for you.
          </Text>
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add domain
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
