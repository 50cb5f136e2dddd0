import { Badge, Table, Text } from '@mantine/core';
import { useRecentImports } from '../../../api/imports';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { SectionCard } from '../../settings/SectionCard';
import { importStatus } from './ImportProgress';

/** The latest imports, each linking to its result (and error CSV). Hidden until there is one. */
export function RecentImports() {
  const imports = useRecentImports();
  const rows = imports.data?.slice(0, 10) ?? [];
  if (!rows.length) return null;
  return (
    <SectionCard title="Recent imports">
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" verticalSpacing="xs" aria-label="Recent imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Created</Table.Th>
              <Table.Th ta="right">Updated</Table.Th>
              <Table.Th ta="right">Errors</Table.Th>
              <Table.Th>Started</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>
                  <AnchorLink to="/leads/import" search={{ id: j.id }}>
                    {j.file_name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={importStatus[j.status].color}>
                    {importStatus[j.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(j.created)}</Table.Td>
                <Table.Td ta="right">{formatNumber(j.updated)}</Table.Td>
                <Table.Td ta="right">
                  <Text fz="sm" c={j.error_count ? 'red' : undefined}>
                    {formatNumber(j.error_count)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(j.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}
