import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type NamedKind, useCreateNamed } from '../../../api/taxonomy';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';

export const kindWord = (kind: NamedKind) => (kind === 'tags' ? 'tag' : 'list');
export const KindWord = (kind: NamedKind) => (kind === 'tags' ? 'Tag' : 'List');

export function CreateNamedForm({ kind }: { kind: NamedKind }) {
  const create = useCreateNamed(kind);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : `Name the ${kindWord(kind)}`) },
  });
  const submit = form.onSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync(name.trim());
      notifications.show({ color: 'teal', title: `${KindWord(kind)} created`, message: created.name });
      form.reset();
    } catch (e) {
      setFormError(applyServerError(form, e, { [`${kindWord(kind)}_exists`]: 'name' }));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Create ${kindWord(kind)}`}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          label={`New ${kindWord(kind)}`}
          placeholder={kind === 'tags' ? 'e.g. customer, webinar-2025' : 'e.g. Newsletter'}
          maxLength={100}
          style={{ flex: 1 }}
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <Button type="submit" mt={25} loading={create.isPending}>
          Create {kindWord(kind)}
        </Button>
      </Group>
      <FormAlert message={formError} />
    </form>
  );
}
