import { Badge, Button, Group, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useImportTargets } from '../../../api/imports';
import type { ImportPreview } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { formatNumber } from '../../../lib/format';
import { IGNORE, mappingData, samplesOf } from './mappingOptions';

type Mapping = Record<string, string | null>;

function FileSummary({ preview }: { preview: ImportPreview }) {
  const delimiter = preview.delimiter === '\t' ? 'tab' : `“${preview.delimiter}”`;
  return (
    <Group gap="xs" aria-label="File summary" role="group">
      <Badge variant="light" tt="none" size="lg">
        {preview.file_name}
      </Badge>
      <Badge variant="light" color="gray" tt="none" size="lg">
        {formatNumber(preview.total_rows)} rows
      </Badge>
      <Badge variant="light" color="gray" tt="none" size="lg">
        {preview.data_columns}
        {preview.max_data_columns ? ` of at most ${preview.max_data_columns}` : ''} columns with data
      </Badge>
      <Badge variant="light" color="gray" tt="none" size="lg">
        {preview.encoding.toUpperCase()}, {delimiter} separated
      </Badge>
    </Group>
  );
}

function SampleRows({ preview }: { preview: ImportPreview }) {
  const rows = preview.sample_rows.slice(0, 5);
  if (!rows.length) return null;
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        Sample rows
      </Title>
      <Table.ScrollContainer minWidth={Math.max(480, preview.columns.length * 140)}>
        <Table striped withTableBorder fz="xs" aria-label="Sample rows">
          <Table.Thead>
            <Table.Tr>
              {preview.columns.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; position is the identity
                <Table.Th key={i}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no id
              <Table.Tr key={r}>
                {preview.columns.map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells by column position
                  <Table.Td key={i} style={{ whiteSpace: 'nowrap' }}>
                    {row[i] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Step 2: the file's columns, each with what it becomes (the server's suggestion, editable). */
export function MappingStep({
  preview,
  mapping,
  onChange,
  onBack,
  onNext,
}: {
  preview: ImportPreview;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const targets = useImportTargets();
  const [error, setError] = useState<string | null>(null);
  const data = useMemo(
    () => mappingData(targets.data ?? [], Object.values(mapping)),
    [targets.data, mapping],
  );
  const labelOf = (v: string) => targets.data?.find((t) => t.value === v)?.label ?? v;
  const usedBy = (target: string | null, column: string) =>
    target && !['tags', 'lists'].includes(target)
      ? preview.columns.filter((c) => c !== column && mapping[c] === target)
      : [];

  const next = () => {
    if (!Object.values(mapping).includes('email')) {
      setError('Map one column to Email: every lead needs an email address.');
      return;
    }
    setError(null);
    onNext();
  };

  return (
    <Stack gap="lg">
      <FileSummary preview={preview} />
      <Stack gap="xs">
        <Title order={3} fz="md">
          Columns
        </Title>
        <Text fz="sm" c="dimmed">
          We matched the columns we recognised. Change any of them, or ignore a column.
        </Text>
        {targets.isPending ? (
          <Skeleton h={160} aria-label="Loading fields" />
        ) : targets.isError ? (
          <FormAlert message={messageOf(targets.error)} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Column mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column in the file</Table.Th>
                  <Table.Th>Sample values</Table.Th>
                  <Table.Th w={280}>Import as</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.columns.map((column, i) => {
                  const target = mapping[column] ?? null;
                  const clash = usedBy(target, column);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat
                    <Table.Tr key={i}>
                      <Table.Td fw={500}>{column || <Text c="dimmed">(no header)</Text>}</Table.Td>
                      <Table.Td>
                        <Text fz="sm" c="dimmed" lineClamp={2}>
                          {samplesOf(preview.sample_rows, i).join(', ') || 'empty'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`Import column ${column} as`}
                          data={data}
                          value={target ?? IGNORE}
                          onChange={(v) => onChange({ ...mapping, [column]: !v || v === IGNORE ? null : v })}
                          allowDeselect={false}
                          searchable
                          error={
                            clash.length
                              ? `${labelOf(target ?? '')} also comes from ${clash.join(', ')}`
                              : undefined
                          }
                          comboboxProps={{ withinPortal: true }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <SampleRows preview={preview} />
      <FormAlert message={error} />
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Choose another file
        </Button>
        <Button onClick={next}>Next: options</Button>
      </Group>
    </Stack>
  );
}
