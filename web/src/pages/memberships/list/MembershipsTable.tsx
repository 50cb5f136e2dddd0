import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { Membership } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate, formatNumber } from '../../../lib/format';
import { NameBadges } from '../../leads/TagBadges';

export function MembershipsTable({ memberships }: { memberships: Membership[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Memberships">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Levels</Table.Th>
            <Table.Th ta="right">Members</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {memberships.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Stack gap={2}>
                  <AnchorLink to="/memberships/$id" params={{ id: String(m.id) }} fw={500} fz="sm">
                    {m.name}
                  </AnchorLink>
                  <Anchor
                    href={m.portal_url}
                    target="_blank"
                    rel="noopener"
                    fz="xs"
                    c="dimmed"
                    aria-label={`Open the portal of ${m.name} (new tab)`}
                  >
                    /m/{m.slug}/
                  </Anchor>
                </Stack>
              </Table.Td>
              <Table.Td>
                <NameBadges names={m.levels.map((l) => l.name)} color="grape" max={4} />
              </Table.Td>
              <Table.Td ta="right">
                <Text fz="sm">{formatNumber(m.members.active)} active</Text>
                {m.members.revoked > 0 && (
                  <Text fz="xs" c="dimmed">
                    {formatNumber(m.members.revoked)} revoked
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(m.created_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
