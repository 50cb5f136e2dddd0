import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Member } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate, formatDateTime } from '../../../lib/format';
import { sourceLabel } from '../../../lib/leadFields';

const fullName = (m: Member) => [m.first_name, m.last_name].filter(Boolean).join(' ');

/** Members with their level, status, dates, where the access came from, and portal use. */
export function MembersTable({ members, onRevoke }: { members: Member[]; onRevoke: (m: Member) => void }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th>Level</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Granted</Table.Th>
            <Table.Th>Revoked</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Portal</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.lead_id}>
              <Table.Td>
                <Stack gap={0}>
                  <AnchorLink to="/leads/$id" params={{ id: String(m.lead_id) }} fz="sm" fw={500}>
                    {m.email}
                  </AnchorLink>
                  {fullName(m) && (
                    <Text fz="xs" c="dimmed">
                      {fullName(m)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{m.level_name ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={m.status === 'active' ? 'teal' : 'gray'}>
                  {m.status === 'active' ? 'Active' : 'Revoked'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(m.granted_at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(m.revoked_at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{sourceLabel(m.source)}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="xs" c={m.password_set ? undefined : 'dimmed'}>
                  {m.password_set ? 'Password set' : 'No password yet'}
                </Text>
                <Text fz="xs" c="dimmed">
                  {m.last_login_at ? `Last login ${formatDateTime(m.last_login_at)}` : 'Never logged in'}
                </Text>
              </Table.Td>
              <Table.Td>
                {m.status === 'active' && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => onRevoke(m)}
                    aria-label={`Revoke access of ${m.email}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
