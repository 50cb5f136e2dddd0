import { Button, Group, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { usePatchCustomField } from '../../../api/customFields';
import type { CustomField } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { isChoiceType } from '../../../lib/leadFields';
import { applyServerError } from '../../../lib/serverErrors';

/** The API renames a field and adds options; it never removes an option (leads may hold it). */
export function EditCustomFieldModal({ field, onClose }: { field: CustomField | null; onClose: () => void }) {
  const patch = usePatchCustomField();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { label: '', add_options: [] as string[] },
    validate: { label: (v) => (v.trim() ? null : 'Name the field') },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another field opens
  useEffect(() => {
    if (field) {
      form.setValues({ label: field.label, add_options: [] });
      setFormError(null);
    }
  }, [field]);

  const submit = form.onSubmit(async (v) => {
    if (!field) return;
    try {
      await patch.mutateAsync({
        id: field.id,
        label: v.label.trim(),
        add_options: v.add_options.length ? v.add_options : undefined,
      });
      notifications.show({ color: 'teal', title: 'Custom field saved', message: v.label.trim() });
      onClose();
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  return (
    <Modal opened={field !== null} onClose={onClose} title="Edit custom field" centered>
      <form onSubmit={submit} noValidate aria-label="Edit custom field">
        <Stack gap="md">
          <TextInput label="Label" data-autofocus {...form.getInputProps('label')} />
          {field && isChoiceType(field.type) && (
            <>
              <Text fz="sm">Options: {field.options.map((o) => o.value).join(', ')}</Text>
              <TagsInput
                label="Add options"
                description="Existing options can't be removed: leads may have chosen them."
                placeholder="New option"
                {...form.getInputProps('add_options')}
              />
            </>
          )}
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={patch.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
