import {
  ActionIcon,
  Card,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { type NamedKind, useNamed } from '../../../api/taxonomy';
import type { Named } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate, formatNumber } from '../../../lib/format';
import { LeadsFrame } from '../LeadsFrame';
import { CreateNamedForm, kindWord } from './CreateNamedForm';
import { DeleteNamedModal, RenameNamedModal } from './NamedModals';

const copy = {
  tags: 'Tags mark what a lead did or bought; automations start when one is applied or removed.',
  lists: 'Lists are who you mail: leads subscribe and unsubscribe, and keep the dates.',
};

function NamedTable({
  kind,
  items,
  onRename,
  onDelete,
}: {
  kind: NamedKind;
  items: Named[];
  onRename: (n: Named) => void;
  onDelete: (n: Named) => void;
}) {
  const word = kindWord(kind);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={kind === 'tags' ? 'Tags' : 'Lists'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th ta="right">{kind === 'tags' ? 'Leads' : 'Subscribed'}</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td fw={500}>
                <AnchorLink
                  to="/leads"
                  search={kind === 'tags' ? { tag: n.name } : { list: n.name }}
                  aria-label={`Leads with ${word} ${n.name}`}
                >
                  {n.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(n.leads)}</Table.Td>
              <Table.Td>{formatDate(n.created_at)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label="Rename" withArrow>
                    <ActionIcon
                      variant="subtle"
                      onClick={() => onRename(n)}
                      aria-label={`Rename ${word} ${n.name}`}
                    >
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onDelete(n)}
                      aria-label={`Delete ${word} ${n.name}`}
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

/** `/leads/tags` and `/leads/lists`: the same screen for both. */
export function NamedPage({ kind }: { kind: NamedKind }) {
  const named = useNamed(kind);
  const [renaming, setRenaming] = useState<Named | null>(null);
  const [deleting, setDeleting] = useState<Named | null>(null);
  return (
    <LeadsFrame tab={kind} description={copy[kind]}>
      <Card>
        <Stack gap="md">
          <CreateNamedForm kind={kind} />
          {named.isPending ? (
            <Skeleton h={120} aria-label={`Loading ${kind}`} />
          ) : named.isError ? (
            <FormAlert message={messageOf(named.error)} />
          ) : named.data.length === 0 ? (
            <Text c="dimmed" fz="sm" ta="center" py="md">
              No {kind} yet. Create one above, or let an import create them.
            </Text>
          ) : (
            <NamedTable kind={kind} items={named.data} onRename={setRenaming} onDelete={setDeleting} />
          )}
        </Stack>
      </Card>
      <RenameNamedModal kind={kind} item={renaming} onClose={() => setRenaming(null)} />
      <DeleteNamedModal kind={kind} item={deleting} onClose={() => setDeleting(null)} />
    </LeadsFrame>
  );
}
