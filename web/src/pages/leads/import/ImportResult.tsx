import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { errorCsvUrl } from '../../../api/imports';
import type { ImportJob } from '../../../api/types';
import { formatNumber } from '../../../lib/format';

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={value > 0 ? color : undefined} data-testid={`stat-${label.toLowerCase()}`}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

/** The counts, and the rows that were not imported with why (the CSV holds all of them). */
export function ImportResult({ job }: { job: ImportJob }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Created" value={job.created} color="teal" />
        <Stat label="Updated" value={job.updated} color="indigo" />
        <Stat label="Skipped" value={job.skipped} />
        <Stat label="Errors" value={job.error_count} color="red" />
      </SimpleGrid>
      {(job.duplicates > 0 || job.blocked > 0) && (
        <Text fz="sm" c="dimmed">
          {job.duplicates > 0 &&
            `${formatNumber(job.duplicates)} repeated ${job.duplicates === 1 ? 'email' : 'emails'} in the file (the first row won). `}
          {job.blocked > 0 &&
            `${formatNumber(job.blocked)} blocked ${job.blocked === 1 ? 'lead' : 'leads'} kept but never mailed.`}
        </Text>
      )}
      {job.error_count > 0 && (
        <Stack gap="xs">
          <Group justify="space-between" align="center">
            <Title order={3} fz="md">
              Rows not imported
            </Title>
            <Button
              component="a"
              href={errorCsvUrl(job.id)}
              download
              variant="light"
              color="red"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              Download error CSV
            </Button>
          </Group>
          <Text fz="sm" c="dimmed">
            The CSV has each rejected row with its reason in the first column: fix the rows and import that
            file.
          </Text>
          <Table.ScrollContainer minWidth={480}>
            <Table fz="sm" aria-label="Rows not imported" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Row</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.errors.slice(0, 20).map((e) => (
                  <Table.Tr key={`${e.row}-${e.message}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.email ?? '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {job.error_count > 20 && (
            <Text fz="xs" c="dimmed">
              The first 20 of {formatNumber(job.error_count)} are shown; the CSV has them all.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
