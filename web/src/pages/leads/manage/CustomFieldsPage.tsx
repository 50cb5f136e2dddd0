import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useCustomFields, useDeleteCustomField } from '../../../api/customFields';
import { messageOf } from '../../../api/errors';
import type { CustomField } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { customTypeLabel } from '../../../lib/leadFields';
import { SectionCard } from '../../settings/SectionCard';
import { LeadsFrame } from '../LeadsFrame';
import { CreateCustomFieldForm } from './CreateCustomFieldForm';
import { EditCustomFieldModal } from './EditCustomFieldModal';

function DeleteFieldModal({ field, onClose }: { field: CustomField | null; onClose: () => void }) {
  const remove = useDeleteCustomField();
  const confirm = () =>
    field &&
    remove.mutate(field.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', title: 'Custom field deleted', message: field.label });
        onClose();
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  return (
    <Modal opened={field !== null} onClose={onClose} title="Delete custom field?" centered>
      <Stack gap="md">
        <Text fz="sm">
          Every lead's value for <b>{field?.label}</b> is deleted with it. This can't be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            Delete field
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FieldsTable({
  fields,
  onEdit,
  onDelete,
}: {
  fields: CustomField[];
  onEdit: (f: CustomField) => void;
  onDelete: (f: CustomField) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" aria-label="Custom fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Label</Table.Th>
            <Table.Th>Identifier</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Options</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td fw={500}>{f.label}</Table.Td>
              <Table.Td>
                <Code>{f.identifier}</Code>
              </Table.Td>
              <Table.Td>{customTypeLabel(f.type)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {f.options.length === 0 ? (
                    <Text c="dimmed" fz="sm">
                      —
                    </Text>
                  ) : (
                    f.options.map((o) => (
                      <Badge key={o.id} variant="outline" color="gray" tt="none" fw={500}>
                        {o.value}
                      </Badge>
                    ))
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label="Edit" withArrow>
                    <ActionIcon
                      variant="subtle"
                      onClick={() => onEdit(f)}
                      aria-label={`Edit field ${f.label}`}
                    >
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onDelete(f)}
                      aria-label={`Delete field ${f.label}`}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/leads/fields`: the five Kartra field types, with options for the choice types. */
export function CustomFieldsPage() {
  const fields = useCustomFields();
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  return (
    <LeadsFrame
      tab="fields"
      description="Fields of your own beside the standard ones: text, choices, checkboxes."
    >
      <Stack gap="lg">
        <SectionCard title="New custom field">
          <CreateCustomFieldForm />
        </SectionCard>
        <Card>
          {fields.isPending ? (
            <Skeleton h={120} aria-label="Loading custom fields" />
          ) : fields.isError ? (
            <FormAlert message={messageOf(fields.error)} />
          ) : fields.data.length === 0 ? (
            <Text c="dimmed" fz="sm" ta="center" py="md">
              No custom fields yet.
            </Text>
          ) : (
            <FieldsTable fields={fields.data} onEdit={setEditing} onDelete={setDeleting} />
          )}
        </Card>
      </Stack>
      <EditCustomFieldModal field={editing} onClose={() => setEditing(null)} />
      <DeleteFieldModal field={deleting} onClose={() => setDeleting(null)} />
    </LeadsFrame>
  );
}
