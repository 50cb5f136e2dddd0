import { Badge, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import type { Lead } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate, formatNumber } from '../../../lib/format';
import { leadName } from '../../../lib/leadFields';
import { NameBadges } from '../TagBadges';

type Props = {
  leads: Lead[];
  selected: Set<number>;
  onToggle: (id: number) => void;
  onToggleAll: (select: boolean) => void;
};

/** The leads on screen with a checkbox each; the email links to the lead. */
export function LeadsTable({ leads, selected, onToggle, onToggleAll }: Props) {
  const picked = leads.filter((l) => selected.has(l.id)).length;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Leads">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all leads shown"
                checked={picked > 0 && picked === leads.length}
                indeterminate={picked > 0 && picked < leads.length}
                onChange={(e) => onToggleAll(e.currentTarget.checked)}
              />
            </Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th>Lists</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <Table.Tr key={lead.id} bg={selected.has(lead.id) ? 'var(--mantine-color-indigo-0)' : undefined}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${lead.email}`}
                  checked={selected.has(lead.id)}
                  onChange={() => onToggle(lead.id)}
                />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <AnchorLink to="/leads/$id" params={{ id: String(lead.id) }} fw={500} fz="sm">
                    {lead.email}
                  </AnchorLink>
                  {lead.blocked && (
                    <Group gap={4}>
                      <Badge size="xs" color="red" variant="light">
                        Blocked
                      </Badge>
                    </Group>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{leadName(lead) || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <NameBadges names={lead.tags.map((t) => t.name)} color="indigo" />
              </Table.Td>
              <Table.Td>
                <NameBadges
                  names={lead.lists.filter((l) => l.status === 'subscribed').map((l) => l.name)}
                  color="teal"
                />
              </Table.Td>
              <Table.Td ta="right">
                <Text fz="sm">{formatNumber(lead.score)}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(lead.created_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
