import { Button, Grid, Group, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateCustomField } from '../../../api/customFields';
import type { CustomFieldType } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { CUSTOM_FIELD_TYPES, isChoiceType } from '../../../lib/leadFields';
import { applyServerError } from '../../../lib/serverErrors';

const IDENTIFIER = /^[A-Za-z0-9_-]{1,64}$/;

/** "Shoe size" → "shoe_size": a suggestion for the identifier while it is left empty. */
const identifierOf = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);

type Values = { label: string; identifier: string; type: CustomFieldType; options: string[] };

export function CreateCustomFieldForm() {
  const create = useCreateCustomField();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { label: '', identifier: '', type: 'input_field', options: [] },
    validate: {
      label: (v) => (v.trim() ? null : 'Name the field'),
      identifier: (v, values) =>
        IDENTIFIER.test(v || identifierOf(values.label))
          ? null
          : 'Use letters, digits, dashes and underscores (at most 64)',
      options: (v, values) =>
        isChoiceType(values.type) && v.length < 2 ? 'A choice field needs two or more options' : null,
    },
  });
  const choice = isChoiceType(form.values.type);

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({
        label: v.label.trim(),
        identifier: v.identifier.trim() || identifierOf(v.label),
        type: v.type,
        options: isChoiceType(v.type) ? v.options : undefined,
      });
      notifications.show({ color: 'teal', title: 'Custom field created', message: created.label });
      form.reset();
    } catch (e) {
      setFormError(applyServerError(form, e, { custom_field_exists: 'identifier' }));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create custom field">
      <Stack gap="sm">
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Label" placeholder="e.g. Shoe size" required {...form.getInputProps('label')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Identifier"
              description="Used by the API and in CSV columns."
              placeholder={identifierOf(form.values.label) || 'shoe_size'}
              {...form.getInputProps('identifier')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Type"
              data={CUSTOM_FIELD_TYPES}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
          </Grid.Col>
          {choice && (
            <Grid.Col span={12}>
              <TagsInput
                label="Options"
                description="Type an option and press Enter."
                placeholder="Add option"
                {...form.getInputProps('options')}
              />
            </Grid.Col>
          )}
        </Grid>
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Create field
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
